package io.wattline.historian.forward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Lines the target refused for their content, appended to {@code <data>/quarantine/<yyyy-MM-dd>.lp}
 * (UTC day): a {@code #} comment with time, HTTP status and the target's reason, then the line
 * itself, so the file can be fixed by hand and posted to {@code /write} again.
 */
public final class QuarantineFile {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Path directory;

    public QuarantineFile(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Appends {@code line} with its reason; returns the file written. */
    public synchronized Path add(String line, int status, String reason, Instant now) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(DAY.format(now) + ".lp");
        String entry = "# " + now + " HTTP " + status + " " + reason.replace('\n', ' ') + "\n" + line + "\n";
        Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return file;
    }
}
