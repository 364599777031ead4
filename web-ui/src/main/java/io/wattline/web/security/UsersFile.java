package io.wattline.web.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users of an installation, in {@code <data>/security/users} (folder 0700, file 0600): one line
 * per user, {@code name role hash}, the hash an adaptive one (bcrypt, through Spring Security's
 * delegating encoder, so a later algorithm can take over without resetting passwords). The running
 * server re-reads the file when it changes, so {@code ./wattline user add} takes effect at once.
 */
public final class UsersFile {

    public static final String FOLDER = "security";
    public static final String FILE_NAME = "users";
    public static final int MIN_PASSWORD = 8;
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final PrivateLineFile<UserAccount> file;

    public UsersFile(Path dataDir) {
        this.file = new PrivateLineFile<>(dataDir.resolve(FOLDER).resolve(FILE_NAME), "users file",
                "Wattline users: name role password-hash. Change with ./wattline user add|remove; never put a plain"
                        + " password here.",
                UsersFile::parse, u -> u.name() + ' ' + u.role().id() + ' ' + u.passwordHash());
    }

    public Path file() {
        return file.file();
    }

    /** The password encoder every user's hash is made and checked with. */
    public static PasswordEncoder encoder() {
        return ENCODER;
    }

    /** Every user, read again when the file changed since the last read. */
    public synchronized List<UserAccount> all() {
        return List.copyOf(file.records().values());
    }

    public synchronized Optional<UserAccount> find(String name) {
        return Optional.ofNullable(file.records().get(name));
    }

    /** Adds a user or replaces one of the same name (new role, new password); the password is hashed here. */
    public synchronized UserAccount put(String name, Role role, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password of " + name + " must have at least " + MIN_PASSWORD
                    + " characters");
        }
        return putUnchecked(name, role, password);
    }

    /** {@link #put} without the length rule: only for the demo's documented user. */
    synchronized UserAccount putUnchecked(String name, Role role, String password) {
        UserAccount account = new UserAccount(name, role, ENCODER.encode(password));
        file.put(name, account);
        return account;
    }

    /** Removes a user; false when there was none of that name. */
    public synchronized boolean remove(String name) {
        return file.remove(name);
    }

    private static UserAccount parse(String[] fields) {
        if (fields.length != 3 || !fields[2].startsWith("{")) {
            throw new IllegalArgumentException("expected 'name role {bcrypt}hash'");
        }
        return new UserAccount(fields[0], Role.parse(fields[1]), fields[2]);
    }
}
