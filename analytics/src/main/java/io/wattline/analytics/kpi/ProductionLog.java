package io.wattline.analytics.kpi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
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

    private static final Logger LOG = LoggerFactory.getLogger(ProductionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<ProductionEntry> entries = new ArrayList<>();

    /** Opens (or starts) the log; a line that cannot be read (cut off by a crash) is logged with its number and skipped. */
    public ProductionLog(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read production entries " + file, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    entries.add(fromJson(JSON.readTree(lines.get(i))));
                } catch (RuntimeException e) {
                    LOG.warn("{}:{}: production entry skipped, cannot be read: {}", file, i + 1, e.getMessage());
                }
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Appends the entry and forces it to disk. */
    public synchronized ProductionEntry add(ProductionEntry entry) {
        String line = JSON.writeValueAsString(toJson(entry)) + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append production entry to " + file, e);
        }
        entries.add(entry);
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
