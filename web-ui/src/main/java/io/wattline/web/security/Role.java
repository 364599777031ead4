package io.wattline.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The four roles, each including the ones below it: a viewer reads; an operator also acknowledges
 * and shelves alarms and enters production counts; an engineer also imports readings, runs and
 * configures reports, probes devices and changes configuration; an admin also manages users and reads
 * the audit log.
 */
public enum Role {
    VIEWER, OPERATOR, ENGINEER, ADMIN;

    /** The Spring authorities of this role: its own and every lower role's ({@code ROLE_VIEWER} ...). */
    public List<String> authorities() {
        List<String> out = new ArrayList<>();
        for (Role r : values()) {
            if (r.ordinal() <= ordinal()) {
                out.add("ROLE_" + r.name());
            }
        }
        return out;
    }

    /** The role's name as users see and type it: {@code viewer}, {@code operator}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer|operator|engineer|admin} (any case); the message lists them when it is none. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': expected viewer, operator, engineer or admin");
    }
}
