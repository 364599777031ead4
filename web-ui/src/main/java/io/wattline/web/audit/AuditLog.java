package io.wattline.web.audit;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import io.wattline.core.files.PrivateFiles;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The durable, append-only audit log behind {@link AuditTrail}: JSON lines in
 * {@code <data>/audit/audit-YYYY-MM.jsonl} (one file per UTC month; folder 0700, files 0600), each
 * line forced to disk before {@link #record} returns. Nothing here edits or deletes a line. Reading
 * streams the files and keeps only the page asked for, so a large log never sits in memory; a torn
 * last line (a crash mid-write) is skipped.
 */
public final class AuditLog implements AuditTrail {

    public static final String FOLDER = "audit";
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private FileOutputStream out;
    private YearMonth outMonth;

    public AuditLog(Path dataDir) {
        this.dir = dataDir.resolve(FOLDER);
    }

    public Path folder() {
        return dir;
    }

    @Override
    public void record(AuditEntry entry) {
        recordAll(List.of(entry));
    }

    /**
     * Appends the entries' lines to their months' files, then forces each file to disk once. Written through a
     * {@link FileOutputStream}, not an interruptible channel: a request thread interrupted because its client went
     * away (Reactor cancels its work) must still record what it already did, and must not close the file for all.
     */
    @Override
    public synchronized void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        AuditEntry current = entries.get(0);
        try {
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            YearMonth month = null;
            for (AuditEntry entry : entries) {
                current = entry;
                YearMonth of = YearMonth.from(entry.at().atOffset(ZoneOffset.UTC));
                if (month != null && !of.equals(month)) {
                    append(month, lines.toByteArray());
                    lines.reset();
                }
                month = of;
                lines.write(line(entry));
            }
            append(month, lines.toByteArray());
        } catch (IOException e) {
            closeFile();
            throw new UncheckedIOException("cannot record '" + current.action() + "' in the audit log " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private static byte[] line(AuditEntry entry) {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", entry.at().toString());
        n.put("actor", entry.actor());
        n.put("address", entry.address());
        n.put("action", entry.action());
        n.put("target", entry.target());
        n.put("detail", entry.detail());
        return (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void append(YearMonth month, byte[] lines) throws IOException {
        FileOutputStream stream = file(month);
        stream.write(lines);
        stream.getFD().sync();
    }

    /** One page of entries matching {@code query}, newest first, and whether older ones follow. */
    public record Page(List<AuditEntry> entries, boolean more) {
    }

    /** The entries matching the query, newest first, {@code offset} skipped, at most {@code limit}. */
    public Page read(AuditQuery query) {
        int keep = query.offset() + query.limit() + 1;
        Deque<AuditEntry> newest = new ArrayDeque<>(Math.min(keep, 4096));
        for (Path file : files(query)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    AuditEntry e = parse(file, line);
                    if (e != null && query.matches(e)) {
                        if (newest.size() == keep) {
                            newest.removeFirst();
                        }
                        newest.addLast(e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit log " + file + ": " + e.getMessage(), e);
            }
        }
        List<AuditEntry> page = new ArrayList<>();
        var it = newest.descendingIterator();
        for (int skipped = 0; it.hasNext() && page.size() < query.limit(); ) {
            AuditEntry e = it.next();
            if (skipped++ >= query.offset()) {
                page.add(e);
            }
        }
        boolean more = newest.size() > query.offset() + page.size();
        return new Page(page, more);
    }

    /** The month files that can hold entries of the query's range, oldest first. */
    private List<Path> files(AuditQuery query) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Set<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "audit-*.jsonl")) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                YearMonth month;
                try {
                    month = YearMonth.parse(name.substring("audit-".length(), name.length() - ".jsonl".length()));
                } catch (RuntimeException e) {
                    continue;
                }
                Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                if ((query.from() == null || end.isAfter(query.from()))
                        && (query.to() == null || start.isBefore(query.to()))) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the audit log " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(files);
    }

    private static AuditEntry parse(Path file, String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(line);
            return new AuditEntry(Instant.parse(n.get("at").asString()), n.get("actor").asString(),
                    text(n, "address"), n.get("action").asString(), text(n, "target"), text(n, "detail"));
        } catch (RuntimeException e) {
            log.warn("skipping an unreadable line of the audit log {}: {}", file, e.getMessage());
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    private FileOutputStream file(YearMonth month) throws IOException {
        if (out != null && month.equals(outMonth)) {
            return out;
        }
        closeFile();
        PrivateFiles.folder(dir);
        Path file = dir.resolve("audit-" + month + ".jsonl");
        if (!Files.exists(file) && PrivateFiles.posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PrivateFiles.FILE));
        }
        PrivateFiles.restrict(file);
        boolean tornLine = false;
        if (Files.exists(file) && Files.size(file) > 0) {
            try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
                reader.seek(reader.length() - 1);
                tornLine = reader.read() != '\n';
            }
        }
        out = new FileOutputStream(file.toFile(), true);
        outMonth = month;
        if (tornLine) {
            // a line torn by a crash stays torn, but must not swallow the next entry
            out.write('\n');
        }
        return out;
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("closing the audit log file failed: {}", e.getMessage());
            }
            out = null;
            outMonth = null;
        }
    }

    /** Closes the open month file (the application's shutdown). */
    public synchronized void close() {
        closeFile();
    }
}
