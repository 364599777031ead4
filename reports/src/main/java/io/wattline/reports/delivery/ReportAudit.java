package io.wattline.reports.delivery;

/**
 * Where report runs, deliveries and bill entries are recorded for the audit log: a port, so the
 * application puts its audit log behind it (the security work adds one in core; until then
 * {@link AuditLogFile} keeps the records as JSON lines).
 */
@FunctionalInterface
public interface ReportAudit {

    /**
     * @param actor who (a user, {@code scheduler}, or the OS user of a command)
     * @param action what, e.g. {@code report.run}, {@code report.email}, {@code report.folder}, {@code bill.enter}
     * @param target on what, e.g. the run id or the bill's month
     * @param detail the outcome in words (recipients, folder, failure reason)
     */
    void record(String actor, String action, String target, String detail);
}
