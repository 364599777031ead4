package io.wattline.web.security;

import io.wattline.core.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A file of one record a line, owner-only (0600 in a 0700 folder, {@link PrivateFiles}): the users
 * and the API tokens. Blank lines and {@code #} comments are skipped; a line that does not parse
 * names its file and line number. It is read again when its modification time or size changed (a
 * command rewrote it while the server runs) and rewritten atomically, in the order of its records.
 *
 * @param <T> one record, keyed by its first field (the name)
 */
final class PrivateLineFile<T> {

    private final Path file;
    private final String what;
    private final String header;
    private final Function<String[], T> parse;
    private final Function<T, String> format;
    private Map<String, T> records = Map.of();
    private Object readAt;

    /**
     * @param file   where it lives
     * @param what   what it is called in errors ("users file")
     * @param header the comment line written first (without '#' and newline)
     * @param parse  a line's fields (split at white space) to a record; throws IllegalArgumentException saying
     *               what it expected
     * @param format a record back to its line (without newline)
     */
    PrivateLineFile(Path file, String what, String header, Function<String[], T> parse, Function<T, String> format) {
        this.file = file;
        this.what = what;
        this.header = header;
        this.parse = parse;
        this.format = format;
    }

    Path file() {
        return file;
    }

    /** The records by name, in file order, read again when the file changed; empty while there is no file. */
    synchronized Map<String, T> records() {
        Object now = stamp();
        if (now == null) {
            records = Map.of();
            readAt = null;
        } else if (!now.equals(readAt)) {
            records = read();
            readAt = now;
        }
        return records;
    }

    /** Adds a record or replaces the one of the same name, rewriting the file. */
    synchronized void put(String name, T record) {
        Map<String, T> next = new LinkedHashMap<>(records());
        next.put(name, record);
        save(next);
    }

    /** Removes the record of that name, rewriting the file; false when there was none. */
    synchronized boolean remove(String name) {
        Map<String, T> next = new LinkedHashMap<>(records());
        if (next.remove(name) == null) {
            return false;
        }
        save(next);
        return true;
    }

    private void save(Map<String, T> next) {
        StringBuilder text = new StringBuilder("# ").append(header).append('\n');
        for (T record : next.values()) {
            text.append(format.apply(record)).append('\n');
        }
        PrivateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        records = Collections.unmodifiableMap(new LinkedHashMap<>(next));
        readAt = stamp();
    }

    private Map<String, T> read() {
        PrivateFiles.restrict(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(e);
        }
        Map<String, T> read = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            try {
                read.put(fields[0], parse.apply(fields));
            } catch (RuntimeException e) {
                errors.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the " + what + " is broken: " + String.join("; ", errors)
                    + " (correct or delete these lines / 文件有误，请修正或删除所列的行)");
        }
        return Collections.unmodifiableMap(read);
    }

    /** Modification time and size: a rewrite within the file system's time granularity still shows. */
    private Object stamp() {
        try {
            return Files.isRegularFile(file) ? List.of(Files.getLastModifiedTime(file), Files.size(file)) : null;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private UncheckedIOException unreadable(IOException e) {
        return new UncheckedIOException("cannot read the " + what + " " + file + ": " + e.getMessage()
                + " (check its owner and permissions / 无法读取，请检查文件属主和权限)", e);
    }
}
