package io.wattline.analytics.kpi;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.core.files.DurableFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Production counts entered by hand, kept durably as one JSON object a line in
 * {@code <data-dir>/production-entries.jsonl} (appended and forced to disk before the request is
 * answered). A separate file, not historian samples: an entry is a count over an interval, which
 * is not a timestamped reading, and the file stays readable and editable by hand.
 */
public final class ProductionLog {

    public static final String FILE_NAME = "production-entries.jsonl";
    /** Longest note an entry may carry, in characters (docs/accounting.md). */
    public static final int MAX_NOTE_CHARS = 1_000;
    /** Most entries one line may have per day (of the entry's start, in the plant's zone). */
    public static final int MAX_ENTRIES_PER_LINE_PER_DAY = 100;
    // A line of the file longer than this (no entry written by this code is) is skipped unread, so
    // a file edited by hand or grown by an older version cannot exhaust the heap at start.
    static final int MAX_LINE_CHARS = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ProductionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ZoneId zone;
    private final List<ProductionEntry> entries = new ArrayList<>();
    private final Map<String, Integer> perLineDay = new HashMap<>();

    /** As {@link #ProductionLog(Path, ZoneId)} with days counted in UTC. */
    public ProductionLog(Path file) {
        this(file, ZoneOffset.UTC);
    }

    /**
     * Opens (or starts) the log, reading it line by line; a line that cannot be read (cut off by a
     * crash, or longer than any entry) is logged with its number and skipped, a note longer than
     * {@link #MAX_NOTE_CHARS} is cut to it, so no stored input can stop the start.
     *
     * @param zone the plant's zone: the day of an entry for the per-day cap
     */
    public ProductionLog(Path file, ZoneId zone) {
        this.file = file;
        this.zone = zone;
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                BoundedLines lines = new BoundedLines(in, MAX_LINE_CHARS);
                String line;
                while ((line = lines.next()) != null) {
                    if (lines.tooLong()) {
                        LOG.warn("{}:{}: production entry skipped, the line is longer than {} characters", file,
                                lines.number(), MAX_LINE_CHARS);
                        continue;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        ProductionEntry entry = fromJson(JSON.readTree(line));
                        if (entry.note() != null && entry.note().length() > MAX_NOTE_CHARS) {
                            LOG.warn("{}:{}: note of {} characters cut to {}", file, lines.number(), entry.note().length(),
                                    MAX_NOTE_CHARS);
                            entry = new ProductionEntry(entry.lineId(), entry.from(), entry.to(), entry.count(),
                                    entry.note().substring(0, MAX_NOTE_CHARS), entry.enteredAt());
                        }
                        entries.add(entry);
                        perLineDay.merge(dayKey(entry), 1, Integer::sum);
                    } catch (RuntimeException e) {
                        LOG.warn("{}:{}: production entry skipped, cannot be read: {}", file, lines.number(), e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read production entries " + file, e);
            }
        }
    }

    private String dayKey(ProductionEntry entry) {
        return entry.lineId() + "@" + LocalDate.ofInstant(entry.from(), zone);
    }

    public Path file() {
        return file;
    }

    /**
     * Appends the entry and forces it to disk.
     *
     * @throws InvalidQueryException when its note is longer than {@link #MAX_NOTE_CHARS} or its line
     *     already has {@link #MAX_ENTRIES_PER_LINE_PER_DAY} entries on that day
     */
    public synchronized ProductionEntry add(ProductionEntry entry) {
        if (entry.note() != null && entry.note().length() > MAX_NOTE_CHARS) {
            throw new InvalidQueryException("note", "at most " + MAX_NOTE_CHARS + " characters / 备注最多 "
                    + MAX_NOTE_CHARS + " 个字符", entry.note().length() + " characters");
        }
        String key = dayKey(entry);
        if (perLineDay.getOrDefault(key, 0) >= MAX_ENTRIES_PER_LINE_PER_DAY) {
            throw new InvalidQueryException("from", "at most " + MAX_ENTRIES_PER_LINE_PER_DAY
                    + " production entries per line per day / 每条产线每天最多 " + MAX_ENTRIES_PER_LINE_PER_DAY + " 条",
                    "line " + entry.lineId() + " already has " + MAX_ENTRIES_PER_LINE_PER_DAY + " entries on "
                            + LocalDate.ofInstant(entry.from(), zone));
        }
        String line = JSON.writeValueAsString(toJson(entry)) + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            DurableFiles.append(file, line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append production entry to " + file, e);
        }
        entries.add(entry);
        perLineDay.merge(key, 1, Integer::sum);
        return entry;
    }

    /** Entries of {@code lineId} that overlap [from, to), in the order they were entered. */
    public synchronized List<ProductionEntry> entries(String lineId, Instant from, Instant to) {
        return entries.stream().filter(e -> e.lineId().equals(lineId) && e.from().isBefore(to)
                && e.to().isAfter(from)).toList();
    }

    private static Map<String, Object> toJson(ProductionEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", e.lineId());
        m.put("from", e.from().toString());
        m.put("to", e.to().toString());
        m.put("count", e.count());
        m.put("note", e.note());
        m.put("enteredAt", e.enteredAt() == null ? null : e.enteredAt().toString());
        return m;
    }

    private static ProductionEntry fromJson(JsonNode n) {
        return new ProductionEntry(n.get("line").asString(), Instant.parse(n.get("from").asString()),
                Instant.parse(n.get("to").asString()), n.get("count").asDouble(),
                n.path("note").isString() ? n.get("note").asString() : null,
                n.path("enteredAt").isString() ? Instant.parse(n.get("enteredAt").asString()) : null);
    }
}
