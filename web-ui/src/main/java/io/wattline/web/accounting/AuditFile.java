package io.wattline.web.accounting;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import tools.jackson.databind.ObjectMapper;

/**
 * The audit trail of {@code wattline import --replace} when it runs without the server: one JSON
 * line per entry appended to {@code <data>/audit/readings.jsonl} and forced to disk before the
 * replacement proceeds (owner-only permissions). Append-only: nothing here edits or deletes a line.
 */
final class AuditFile implements AuditTrail {

    static final String RELATIVE = "audit/readings.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AuditFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(RELATIVE);
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(line));
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the audit entry in " + file + ": " + e.getMessage(), e);
        }
    }
}
