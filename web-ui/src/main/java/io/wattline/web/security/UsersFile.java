package io.wattline.web.security;

import io.wattline.core.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final Path file;
    private Map<String, UserAccount> users = Map.of();
    private FileTime readAt;

    public UsersFile(Path dataDir) {
        this.file = dataDir.resolve(FOLDER).resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The password encoder every user's hash is made and checked with. */
    public static PasswordEncoder encoder() {
        return ENCODER;
    }

    /** Every user, read again when the file changed since the last read. */
    public synchronized List<UserAccount> all() {
        refresh();
        return List.copyOf(users.values());
    }

    public synchronized Optional<UserAccount> find(String name) {
        refresh();
        return Optional.ofNullable(users.get(name));
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
        refresh();
        UserAccount account = new UserAccount(name, role, ENCODER.encode(password));
        Map<String, UserAccount> next = new LinkedHashMap<>(users);
        next.put(name, account);
        save(next);
        return account;
    }

    /** Removes a user; false when there was none of that name. */
    public synchronized boolean remove(String name) {
        refresh();
        if (!users.containsKey(name)) {
            return false;
        }
        Map<String, UserAccount> next = new LinkedHashMap<>(users);
        next.remove(name);
        save(next);
        return true;
    }

    private void save(Map<String, UserAccount> next) {
        StringBuilder text = new StringBuilder("# Wattline users: name role password-hash. Change with"
                + " ./wattline user add|remove; never put a plain password here.\n");
        for (UserAccount u : next.values()) {
            text.append(u.name()).append(' ').append(u.role().id()).append(' ').append(u.passwordHash()).append('\n');
        }
        PrivateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        users = Map.copyOf(next);
        readAt = modified();
    }

    private void refresh() {
        FileTime now = modified();
        if (now == null) {
            users = Map.of();
            readAt = null;
            return;
        }
        if (now.equals(readAt)) {
            return;
        }
        PrivateFiles.restrict(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        Map<String, UserAccount> read = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            try {
                if (parts.length != 3 || !parts[2].startsWith("{")) {
                    throw new IllegalArgumentException("expected 'name role {bcrypt}hash'");
                }
                read.put(parts[0], new UserAccount(parts[0], Role.parse(parts[1]), parts[2]));
            } catch (IllegalArgumentException e) {
                errors.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the users file is broken: " + String.join("; ", errors));
        }
        users = Map.copyOf(read);
        readAt = now;
    }

    private FileTime modified() {
        try {
            return Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
    }
}
