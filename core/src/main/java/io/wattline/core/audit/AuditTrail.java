package io.wattline.core.audit;

/**
 * The port every module records audited actions through (imports, production entries, alarm
 * acknowledgement and shelving, report runs and deliveries, logins, user and configuration changes).
 * The application puts one durable, append-only log behind it; nothing can edit or delete an entry
 * through this port.
 */
@FunctionalInterface
public interface AuditTrail {

    /** Records the entry durably before returning; throws if it cannot be recorded. */
    void record(AuditEntry entry);

    /**
     * Records the entries, in order, durably before returning (a trail may sync them to disk once for all:
     * a correction of thousands of readings is thousands of entries); throws if they cannot be recorded.
     */
    default void recordAll(java.util.List<AuditEntry> entries) {
        entries.forEach(this::record);
    }

    /** A trail that keeps nothing: only for tools and tests that audit nothing by design. */
    AuditTrail NONE = entry -> { };
}
