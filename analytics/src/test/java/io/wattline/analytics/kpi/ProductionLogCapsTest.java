package io.wattline.analytics.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.InvalidQueryException;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: no stored input can stop the start. Notes and entries per line per day are capped when
 * entered, and the log is read line by line with a bound on a line, so a file grown by a flood (or
 * by hand) opens in bounded memory.
 */
class ProductionLogCapsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant MAR_2 = Instant.parse("2026-03-01T16:00:00Z"); // 00:00 in Shanghai

    @TempDir
    Path dir;

    @Test
    void aNoteLongerThanTheCapIsRefusedNamingTheField() {
        ProductionLog log = new ProductionLog(dir.resolve(ProductionLog.FILE_NAME), SHANGHAI);
        String note = "x".repeat(ProductionLog.MAX_NOTE_CHARS + 1);
        InvalidQueryException e = assertThrows(InvalidQueryException.class,
                () -> log.add(new ProductionEntry("l1", MAR_2, MAR_2.plusSeconds(3600), 1, note, null)));
        assertEquals("note", e.parameter());
        assertTrue(e.expected().contains("1000"), e.expected());
        log.add(new ProductionEntry("l1", MAR_2, MAR_2.plusSeconds(3600), 1, "x".repeat(ProductionLog.MAX_NOTE_CHARS), null));
    }

    @Test
    void entriesPerLinePerPlantDayAreCappedAndTheCapSurvivesAReopen() {
        Path file = dir.resolve(ProductionLog.FILE_NAME);
        ProductionLog log = new ProductionLog(file, SHANGHAI);
        for (int i = 0; i < ProductionLog.MAX_ENTRIES_PER_LINE_PER_DAY; i++) {
            Instant from = MAR_2.plus(Duration.ofMinutes(10L * i));
            log.add(new ProductionEntry("l1", from, from.plusSeconds(60), 1, null, null));
        }
        Instant late = MAR_2.plus(Duration.ofHours(23)); // still 2 March in Shanghai
        assertThrows(InvalidQueryException.class, () -> log.add(new ProductionEntry("l1", late, late.plusSeconds(60), 1, null, null)));
        log.add(new ProductionEntry("l2", late, late.plusSeconds(60), 1, null, null)); // another line
        Instant nextDay = MAR_2.plus(Duration.ofHours(24));
        log.add(new ProductionEntry("l1", nextDay, nextDay.plusSeconds(60), 1, null, null));

        ProductionLog reopened = new ProductionLog(file, SHANGHAI);
        InvalidQueryException e = assertThrows(InvalidQueryException.class,
                () -> reopened.add(new ProductionEntry("l1", late, late.plusSeconds(60), 1, null, null)));
        assertEquals("from", e.parameter());
        assertTrue(e.actual().contains("2026-03-02"), e.actual());
    }

    @Test
    void aFloodedFileOpensInBoundedMemory() throws Exception {
        // 200 entries with 200 KB notes (written by an older version) and one 5 MB line without a
        // newline; read whole, with the notes kept, this is far more than the cap allows to hold.
        Path file = dir.resolve(ProductionLog.FILE_NAME);
        String big = "n".repeat(200 * 1024);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 200; i++) {
                out.write("{\"line\":\"l1\",\"from\":\"2026-03-01T16:00:00Z\",\"to\":\"2026-03-01T17:00:00Z\",\"count\":"
                        + i + ",\"note\":\"" + (i % 2 == 0 ? big : "short") + "\"}\n");
            }
            out.write("{\"line\":\"l1\",\"note\":\"" + "z".repeat(5 * 1024 * 1024));
        }
        ProductionLog log = new ProductionLog(file, SHANGHAI);
        var entries = log.entries("l1", MAR_2, MAR_2.plusSeconds(3600));
        assertEquals(200, entries.size(), "every readable entry kept; the endless line skipped");
        assertTrue(entries.stream().allMatch(e -> e.note().length() <= ProductionLog.MAX_NOTE_CHARS), "long notes cut");
    }
}
