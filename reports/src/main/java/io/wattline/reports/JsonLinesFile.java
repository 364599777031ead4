package io.wattline.reports;

import io.wattline.core.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An append-only file of JSON lines (the archive index, the bill register, the audit log): each line
 * is forced to disk before {@link #append} returns, so what was acknowledged survives a crash; a torn
 * last line is the reader's to skip.
 */
public final class JsonLinesFile {

    private final Path file;
    private final String what;

    /** @param what what the file is, for error messages ("the report index") */
    public JsonLinesFile(Path file, String what) {
        this.file = file;
        this.what = what;
    }

    public Path path() {
        return file;
    }

    public synchronized void append(String jsonLine) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            DurableFiles.append(file, (jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every line, empty when the file does not exist yet. */
    public synchronized List<String> lines() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
