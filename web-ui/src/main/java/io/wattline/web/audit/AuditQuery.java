package io.wattline.web.audit;

import io.wattline.core.audit.AuditEntry;
import java.time.Instant;

/**
 * What {@code GET /api/audit} asks for: a time range [from, to), an actor, an action (exact, or a
 * prefix ending in a dot: {@code login.} matches {@code login.success} and {@code login.failure}),
 * an address, and a page.
 *
 * @param from null for the beginning
 * @param to null for now
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, String address, int offset,
        int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 100_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be 0.." + MAX_OFFSET);
        }
    }

    boolean matches(AuditEntry e) {
        return (from == null || !e.at().isBefore(from))
                && (to == null || e.at().isBefore(to))
                && (actor == null || actor.equals(e.actor()))
                && (address == null || address.equals(e.address()))
                && (action == null || (action.endsWith(".") ? e.action().startsWith(action) : action.equals(e.action())));
    }
}
