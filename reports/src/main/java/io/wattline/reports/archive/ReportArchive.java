package io.wattline.reports.archive;

import io.wattline.core.files.DurableFiles;
import io.wattline.reports.JsonLinesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every report run kept under {@code <data-dir>/reports}: the files of a run in a folder named by its
 * id, and {@code index.jsonl}, one JSON line per run appended (and forced to disk) once its files are
 * written, so the index never lists a file that is not there.
 */
public final class ReportArchive {

    public static final String FOLDER = "reports";
    static final String INDEX = "index.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(ReportArchive.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final JsonLinesFile index;

    /** @param dataDir the application's data directory; the archive is its {@code reports} folder */
    public ReportArchive(Path dataDir) {
        this.root = dataDir.resolve(FOLDER);
        this.index = new JsonLinesFile(root.resolve(INDEX), "the report index");
    }

    public Path root() {
        return root;
    }

    /** A file to write into the run's folder. */
    public record NewFile(String name, String format, byte[] content) {
    }

    /** Writes the files of a run into its folder and returns their archive entries (the run is not indexed yet). */
    public List<ArchivedRun.ArchivedFile> store(String runId, List<NewFile> files) {
        Path folder = folder(runId);
        List<ArchivedRun.ArchivedFile> out = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (NewFile f : files) {
                Path target = folder.resolve(f.name());
                DurableFiles.write(target, f.content());
                out.add(new ArchivedRun.ArchivedFile(f.name(), f.format(), f.content().length, sha256(f.content())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive report run " + runId + " under " + folder + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** Appends the run to the index. */
    public synchronized void index(ArchivedRun run) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", run.id());
        n.put("definition", run.definition());
        n.put("name", run.name());
        n.put("type", run.type());
        n.put("period", run.period());
        n.put("from", run.from().toString());
        n.put("to", run.to().toString());
        n.put("generatedAt", run.generatedAt().toString());
        n.put("generatedBy", run.generatedBy());
        n.put("trigger", run.trigger());
        n.put("language", run.language());
        ArrayNode files = n.putArray("files");
        for (ArchivedRun.ArchivedFile f : run.files()) {
            files.addObject().put("name", f.name()).put("format", f.format()).put("bytes", f.bytes())
                    .put("sha256", f.sha256());
        }
        ArrayNode deliveries = n.putArray("deliveries");
        run.deliveries().forEach(deliveries::add);
        index.append(JSON.writeValueAsString(n));
    }

    /** Every indexed run, newest first. */
    public synchronized List<ArchivedRun> runs() {
        List<ArchivedRun> out = new ArrayList<>();
        List<String> lines = index.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                try {
                    out.add(parse(JSON.readTree(lines.get(i))));
                } catch (RuntimeException e) {
                    LOG.warn("{}:{}: skipped an unreadable index line: {}", index.path(), i + 1, e.getMessage());
                }
            }
        }
        return out;
    }

    public Optional<ArchivedRun> run(String id) {
        return runs().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The path of a file of an indexed run; empty unless the index lists it (no path from outside is trusted). */
    public Optional<Path> file(String runId, String name) {
        return run(runId).flatMap(r -> r.files().stream().filter(f -> f.name().equals(name)).findFirst())
                .map(f -> folder(runId).resolve(f.name()));
    }

    private Path folder(String runId) {
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return root.resolve(runId);
    }

    private static ArchivedRun parse(JsonNode n) {
        List<ArchivedRun.ArchivedFile> files = new ArrayList<>();
        n.path("files").forEach(f -> files.add(new ArchivedRun.ArchivedFile(f.path("name").asString(),
                f.path("format").asString(), f.path("bytes").asLong(), f.path("sha256").asString())));
        List<String> deliveries = new ArrayList<>();
        n.path("deliveries").forEach(d -> deliveries.add(d.asString()));
        return new ArchivedRun(n.path("id").asString(), n.path("definition").asString(), n.path("name").asString(),
                n.path("type").asString(), n.path("period").asString(), Instant.parse(n.path("from").asString()),
                Instant.parse(n.path("to").asString()), Instant.parse(n.path("generatedAt").asString()),
                n.path("generatedBy").asString(), n.path("trigger").asString(), n.path("language").asString(), files,
                deliveries);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
