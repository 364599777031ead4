package io.wattline.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.files.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's file: one JSON line per entry in a month file (0600 in a 0700 folder), kept across
 * a reopen, read newest first with filters and pages, a torn last line skipped.
 */
class AuditLogTest {

    @TempDir
    Path data;

    private static AuditEntry entry(String at, String actor, String action) {
        return new AuditEntry(Instant.parse(at), actor, "10.0.0.7", action, "target", "detail");
    }

    @Test
    void appendsDurablyReadsNewestFirstFiltersAndPages() throws Exception {
        AuditLog log = new AuditLog(data);
        log.record(entry("2026-11-30T23:59:00Z", "li", "login.success"));
        log.record(entry("2026-12-01T08:00:00Z", "li", "alarm.ack"));
        log.record(entry("2026-12-01T09:00:00Z", "wang", "login.failure"));
        log.record(entry("2026-12-01T10:00:00Z", "li", "readings.import"));
        log.close();

        AuditLog reopened = new AuditLog(data);
        assertEquals(List.of("readings.import", "login.failure", "alarm.ack", "login.success"),
                actions(reopened.read(new AuditQuery(null, null, null, null, null, 0, 100))));
        assertEquals(List.of("login.failure", "login.success"),
                actions(reopened.read(new AuditQuery(null, null, null, "login.", null, 0, 100))));
        assertEquals(List.of("readings.import", "alarm.ack", "login.success"),
                actions(reopened.read(new AuditQuery(null, null, "li", null, null, 0, 100))));
        assertEquals(List.of("login.failure", "alarm.ack"), actions(reopened.read(new AuditQuery(
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"), null, null, null, 0, 100))));

        AuditLog.Page first = reopened.read(new AuditQuery(null, null, null, null, null, 0, 3));
        assertEquals(3, first.entries().size());
        assertTrue(first.more());
        AuditLog.Page second = reopened.read(new AuditQuery(null, null, null, null, null, 3, 3));
        assertEquals(List.of("login.success"), actions(second));
        assertFalse(second.more());
        assertEquals("10.0.0.7", second.entries().get(0).address());

        assertTrue(Files.exists(data.resolve("audit/audit-2026-11.jsonl")), "one file per UTC month");
        if (PrivateFiles.posix()) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("audit"))));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(data.resolve("audit/audit-2026-12.jsonl"))));
        }
    }

    /**
     * A request thread is interrupted when its client goes away mid-request (Reactor cancels the work it runs): what
     * that request already changed must still be audited, and the log must keep recording for every other thread.
     */
    @Test
    void anInterruptedThreadStillRecordsAndTheLogKeepsRecording() throws Exception {
        AuditLog log = new AuditLog(data);
        log.record(entry("2026-12-01T08:00:00Z", "li", "alarm.ack"));
        Thread.currentThread().interrupt();
        try {
            log.record(entry("2026-12-01T08:01:00Z", "li", "readings.replace"));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the caller to see");
        } finally {
            Thread.interrupted();
        }
        log.record(entry("2026-12-01T08:02:00Z", "wang", "alarm.shelve"));
        assertEquals(List.of("alarm.shelve", "readings.replace", "alarm.ack"),
                actions(log.read(new AuditQuery(null, null, null, null, null, 0, 10))));
        log.close();
    }

    @Test
    void manyEntriesAtOnceLandInTheirMonthsInOrder() throws Exception {
        AuditLog log = new AuditLog(data);
        List<AuditEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            entries.add(entry(Instant.parse("2026-11-30T23:00:00Z").plusSeconds(i).toString(), "li", "readings.replace"));
        }
        log.recordAll(entries);
        log.record(entry("2026-12-02T00:00:00Z", "li", "readings.import"));
        log.close();
        assertEquals(3_600, Files.readAllLines(data.resolve("audit/audit-2026-11.jsonl")).size());
        assertEquals(5_000 - 3_600 + 1, Files.readAllLines(data.resolve("audit/audit-2026-12.jsonl")).size());
        AuditLog reopened = new AuditLog(data);
        List<AuditEntry> newest = reopened.read(new AuditQuery(null, null, null, null, null, 0, 2)).entries();
        assertEquals("readings.import", newest.get(0).action());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z").plusSeconds(4_999), newest.get(1).at());
    }

    @Test
    void aTornLastLineIsSkippedAndLaterEntriesStillCount() throws Exception {
        AuditLog log = new AuditLog(data);
        log.record(entry("2026-12-01T08:00:00Z", "li", "alarm.ack"));
        log.close();
        Files.writeString(data.resolve("audit/audit-2026-12.jsonl"), "{\"at\":\"2026-12-01T08:0",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        AuditLog reopened = new AuditLog(data);
        reopened.record(entry("2026-12-01T09:00:00Z", "wang", "alarm.shelve"));
        assertEquals(List.of("alarm.shelve", "alarm.ack"),
                actions(reopened.read(new AuditQuery(null, null, null, null, null, 0, 10))));
        reopened.close();
    }

    private static List<String> actions(AuditLog.Page page) {
        return page.entries().stream().map(AuditEntry::action).toList();
    }
}
