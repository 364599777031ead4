package io.wattline.reports.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** An append-only audit log of JSON lines, each forced to disk before {@link #record} returns. */
public final class AuditLogFile implements ReportAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;

    public AuditLogFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized void record(String actor, String action, String target, String detail) {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", clock.instant().toString());
        n.put("actor", actor);
        n.put("action", action);
        n.put("target", target);
        n.put("detail", detail);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap((JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        }
    }
}
