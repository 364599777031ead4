package io.wattline.web.security;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One user of the users file: a name, a role and the password's adaptive hash (never the password).
 *
 * @param passwordHash a Spring Security encoded hash with its id prefix, e.g. {@code {bcrypt}$2a$10$...}
 */
public record UserAccount(String name, Role role, String passwordHash) {

    /** Names a user may have: letters, digits, dot, dash, underscore, 1 to 64 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public UserAccount {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name
                    + "' is not allowed: use 1 to 64 letters, digits, '.', '-' or '_'");
        }
    }
}
