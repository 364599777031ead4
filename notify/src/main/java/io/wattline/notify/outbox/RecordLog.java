package io.wattline.notify.outbox;

import io.wattline.core.files.DurableFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of records (the outbox, the reply journal): one record a line, tab-separated escaped fields, each record
 * forced to disk before the call returns, so what was recorded survives a power cut or SIGKILL.
 * A line torn by a crash (no newline yet) is ignored when read. Written through a
 * {@link RandomAccessFile}, not an interruptible channel: interrupting one sending thread must not
 * close the file for all.
 */
public final class RecordLog implements AutoCloseable {

    private final Path file;
    private RandomAccessFile out;
    private long lines;

    public RecordLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        this.out = open(file);
    }

    private static RandomAccessFile open(Path file) throws IOException {
        RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw");
        f.seek(f.length());
        return f;
    }

    /** Every complete record in the file, oldest first. */
    public List<List<String>> readAll() throws IOException {
        List<List<String>> records = new ArrayList<>();
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        for (int nl = content.indexOf('\n'); nl >= 0; nl = content.indexOf('\n', start)) {
            records.add(decode(content.substring(start, nl)));
            start = nl + 1;
        }
        lines = records.size();
        return records;
    }

    public synchronized void append(String... fields) throws IOException {
        out.write(encode(List.of(fields)).getBytes(StandardCharsets.UTF_8));
        out.getFD().sync();
        lines++;
    }

    long lines() {
        return lines;
    }

    /** Replaces the whole file by these records (written aside, forced, then moved over it). */
    synchronized void rewrite(List<List<String>> records) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        StringBuilder all = new StringBuilder();
        records.forEach(r -> all.append(encode(r)));
        DurableFiles.write(tmp, all.toString().getBytes(StandardCharsets.UTF_8));
        this.out.close();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        this.out = open(file);
        lines = records.size();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    static String encode(List<String> fields) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                s.append('\t');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            for (int k = 0; k < f.length(); k++) {
                char c = f.charAt(k);
                switch (c) {
                    case '\\' -> s.append("\\\\");
                    case '\t' -> s.append("\\t");
                    case '\n' -> s.append("\\n");
                    case '\r' -> s.append("\\r");
                    default -> s.append(c);
                }
            }
        }
        return s.append('\n').toString();
    }

    static List<String> decode(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == '\t') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\\' && k + 1 < line.length()) {
                char n = line.charAt(++k);
                f.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }
}
