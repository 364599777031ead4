package io.wattline.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what, when, from where, to what, and how it ended.
 *
 * @param at when the action happened (UTC instant)
 * @param actor the user name, {@code scheduler}, {@code system}, or the OS user of a command
 * @param address the client address ({@code 127.0.0.1}, {@code console} for a command), never null
 * @param action a dotted verb, e.g. {@code login.success}, {@code readings.import}, {@code alarm.ack}
 * @param target what the action was on (a point id, a run id, a file name), empty when none
 * @param detail the outcome in words (counts, reason of a refusal); never a secret
 */
public record AuditEntry(Instant at, String actor, String address, String action, String target, String detail) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        address = address == null ? "" : address;
        target = target == null ? "" : target;
        detail = detail == null ? "" : detail;
    }
}
