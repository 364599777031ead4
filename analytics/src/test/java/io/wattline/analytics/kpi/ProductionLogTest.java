package io.wattline.analytics.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines store of production counts entered by hand: durable, readable by hand, tolerant of a torn line. */
class ProductionLogTest {

    @TempDir
    Path dir;

    private static final Instant MAR_2 = Instant.parse("2026-03-01T16:00:00Z");
    private static final Instant MAR_3 = Instant.parse("2026-03-02T16:00:00Z");
    private static final Instant MAR_4 = Instant.parse("2026-03-03T16:00:00Z");

    @Test
    void entriesSurviveAReopenInTheOrderTheyWereEntered() throws Exception {
        Path file = dir.resolve("data/sub").resolve(ProductionLog.FILE_NAME);
        ProductionLog log = new ProductionLog(file);
        log.add(new ProductionEntry("l2", MAR_3, MAR_4, 200, null, Instant.parse("2026-03-04T00:00:00Z")));
        log.add(new ProductionEntry("l2", MAR_2, MAR_3, 100.5, "班报 shift report", null));
        log.add(new ProductionEntry("l1", MAR_2, MAR_3, 7, null, null));

        List<ProductionEntry> reopened = new ProductionLog(file).entries("l2", MAR_2, MAR_4);
        assertEquals(2, reopened.size());
        assertEquals(200, reopened.get(0).count(), "entry order, not time order");
        assertEquals(Instant.parse("2026-03-04T00:00:00Z"), reopened.get(0).enteredAt());
        assertEquals(100.5, reopened.get(1).count());
        assertEquals("班报 shift report", reopened.get(1).note());
        assertNull(reopened.get(1).enteredAt());
        assertEquals(3, Files.readAllLines(file, StandardCharsets.UTF_8).size(), "one JSON object a line");
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("\"line\":\"l1\""), "readable by hand");
    }

    /**
     * A production entry posted by a client that went away is still entered whole by its interrupted request
     * thread, in memory and on disk alike (an interruptible channel wrote the line, then threw: on disk but not in
     * the running application until a restart).
     */
    @Test
    void anInterruptedRequestThreadEntersTheEntryInMemoryAndOnDiskAlike() {
        Path file = dir.resolve(ProductionLog.FILE_NAME);
        ProductionLog log = new ProductionLog(file);
        Thread.currentThread().interrupt();
        try {
            log.add(new ProductionEntry("l2", MAR_2, MAR_3, 100, "夜班", null));
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, log.entries("l2", MAR_2, MAR_4).size());
        assertEquals(1, new ProductionLog(file).entries("l2", MAR_2, MAR_4).size());
    }

    @Test
    void onlyEntriesOverlappingTheRangeOfTheLine() {
        ProductionLog log = new ProductionLog(dir.resolve(ProductionLog.FILE_NAME));
        log.add(new ProductionEntry("l2", MAR_2, MAR_3, 100, null, null));
        log.add(new ProductionEntry("l2", MAR_3, MAR_4, 200, null, null));
        assertEquals(1, log.entries("l2", MAR_3, MAR_4).size(), "[from, to): the day before ends where this starts");
        assertEquals(2, log.entries("l2", MAR_3.minusSeconds(1), MAR_3.plusSeconds(1)).size());
        assertEquals(0, log.entries("l1", MAR_2, MAR_4).size());
    }

    @Test
    void aLineCutOffByACrashIsSkippedAndTheRestKept() throws Exception {
        Path file = dir.resolve(ProductionLog.FILE_NAME);
        ProductionLog log = new ProductionLog(file);
        log.add(new ProductionEntry("l2", MAR_2, MAR_3, 100, null, null));
        Files.writeString(file, "{\"line\":\"l2\",\"from\":\"2026-03-0\n\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.writeString(file, "{\"line\":\"l2\",\"from\":\"" + MAR_3 + "\",\"to\":\"" + MAR_4
                + "\",\"count\":5}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<ProductionEntry> entries = new ProductionLog(file).entries("l2", MAR_2, MAR_4);
        assertEquals(List.of(100.0, 5.0), entries.stream().map(ProductionEntry::count).toList());
    }
}
