package io.wattline.core.secrets;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords and tokens referenced from configuration instead of written into it: {@code ${ENV_NAME}}
 * takes the environment variable, {@code secret:name} the entry {@code name=value} of the secrets file
 * {@code <data>/security/secrets}, which must be readable by its owner only. Errors name the
 * reference and where it was used, never a value.
 */
public final class Secrets {

    /** The secrets file under the data directory. */
    public static final String FILE = "security/secrets";
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SECRET = Pattern.compile("secret:([A-Za-z0-9._-]+)");

    private final Function<String, String> environment;
    private final Path file;

    public Secrets(Function<String, String> environment, Path dataDir) {
        this.environment = environment;
        this.file = dataDir.resolve(FILE);
    }

    /** The process environment and the data directory's secrets file. */
    public static Secrets of(Path dataDir) {
        return new Secrets(System::getenv, dataDir);
    }

    /** True for {@code ${NAME}} or {@code secret:name}: a value that is not itself the secret. */
    public static boolean isReference(String value) {
        return value != null && (ENV.matcher(value.strip()).matches() || SECRET.matcher(value.strip()).matches());
    }

    /**
     * The secret a configured value stands for: the referenced one, or the value itself when it is a
     * literal (which {@code validate} warns about); null stays null.
     *
     * @param where where the value is configured, for the error message ({@code connection plc: opcua.password})
     */
    public String resolve(String value, String where) {
        if (value == null) {
            return null;
        }
        Matcher env = ENV.matcher(value.strip());
        if (env.matches()) {
            String v = environment.apply(env.group(1));
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException(where + ": environment variable " + env.group(1) + " is not set");
            }
            return v;
        }
        Matcher secret = SECRET.matcher(value.strip());
        if (secret.matches()) {
            String v = read().getProperty(secret.group(1));
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException(where + ": no secret '" + secret.group(1) + "' in " + file);
            }
            return v;
        }
        return value;
    }

    private Properties read() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no secrets file " + file + " (one 'name=value' line per secret,"
                    + " chmod 600)");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
                if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new IllegalArgumentException("the secrets file " + file + " is readable by others: chmod 600 "
                            + file);
                }
            }
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets file " + file + ": " + e.getMessage(), e);
        }
    }
}
