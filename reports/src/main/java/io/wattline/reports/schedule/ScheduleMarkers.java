package io.wattline.reports.schedule;

import io.wattline.core.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last fire time each scheduled report has run for, kept in {@code schedule-state.json} (written
 * to a temporary file, forced and renamed, so a crash leaves the old or the new state, never half),
 * so fire times missed while the application was down are run when it is back.
 */
public final class ScheduleMarkers {

    public static final String FILE_NAME = "schedule-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Instant> last = new TreeMap<>();

    public ScheduleMarkers(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try {
                JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                n.propertyNames().forEach(id -> last.put(id, Instant.parse(n.get(id).asString())));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(file + ": the report schedule state cannot be read (" + e.getMessage()
                        + "); fix or remove it (removing it skips runs missed while Wattline was down)", e);
            }
        }
    }

    public synchronized Optional<Instant> last(String reportId) {
        return Optional.ofNullable(last.get(reportId));
    }

    /** Records that {@code reportId} has run for {@code fireTime} (a later marker is never moved back). */
    public synchronized void record(String reportId, Instant fireTime) {
        Instant previous = last.get(reportId);
        if (previous != null && !fireTime.isAfter(previous)) {
            return;
        }
        last.put(reportId, fireTime);
        ObjectNode n = JSON.createObjectNode();
        last.forEach((id, t) -> n.put(id, t.toString()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            DurableFiles.write(tmp, JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report schedule state " + file + ": " + e.getMessage(), e);
        }
    }
}
