package io.wattline.collector.plan;

import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps what the collector learned about each device's refusals across restarts: one JSON file per
 * meter under the data directory, stamped with a fingerprint of the profile, connection and unit id
 * it was learned for. A file whose fingerprint no longer matches (the profile changed, the meter
 * moved) is forgotten, so a corrected profile is tried afresh.
 */
public final class LearnedPlanStore {

    private static final Logger log = LoggerFactory.getLogger(LearnedPlanStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;

    /** The file format: what was learned, and for what. */
    record Stored(String meter, String profile, String fingerprint, String learnedAt, Map<String, String> refusedPoints,
            List<Span> unreadable, Integer maxRegisters) {
    }

    /** A PDU range [start, end) of one table. */
    record Span(String function, int start, int end) {
    }

    public LearnedPlanStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** What was learned for this meter under this fingerprint; empty when nothing was or it no longer applies. */
    public Optional<Refusals> load(String meterId, String fingerprint) {
        Path file = file(meterId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Stored stored = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
            if (!fingerprint.equals(stored.fingerprint())) {
                log.info("meter {}: its profile, connection or unit id changed since {}: forgetting what it refused"
                        + " ({})", meterId, stored.learnedAt(), file);
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            List<RegisterRange> spans = stored.unreadable() == null ? List.of() : stored.unreadable().stream()
                    .map(s -> new RegisterRange(RegisterFunction.parse(s.function()), s.start(), s.end())).toList();
            return Optional.of(new Refusals(stored.learnedAt() == null ? null : Instant.parse(stored.learnedAt()),
                    stored.refusedPoints() == null ? Map.of() : stored.refusedPoints(), spans, stored.maxRegisters()));
        } catch (IOException | RuntimeException e) {
            log.warn("meter {}: cannot read what it refused from {} ({}); learning afresh", meterId, file, e.toString());
            return Optional.empty();
        }
    }

    /** Writes what was learned (atomically: a crash leaves the old file or the new one). */
    public void save(String meterId, String profileId, String fingerprint, Refusals refusals) {
        Path file = file(meterId);
        Stored stored = new Stored(meterId, profileId, fingerprint,
                refusals.learnedAt() == null ? null : refusals.learnedAt().toString(),
                new LinkedHashMap<>(refusals.refusedPoints()), refusals.unreadable().stream()
                        .map(r -> new Span(r.function().name().toLowerCase(Locale.ROOT), r.start(), r.end())).toList(),
                refusals.maxRegisters());
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".learned-", ".json");
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(stored),
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write what meter " + meterId + " refused to " + file, e);
        }
    }

    /** Forgets what was learned for this meter. */
    public void forget(String meterId) {
        try {
            Files.deleteIfExists(file(meterId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(meterId), e);
        }
    }

    /** Identifies what the knowledge holds for: the profile as loaded, the connection and the unit id. */
    public static String fingerprint(DeviceProfile profile, String connectionId, int unitId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((profile + "|" + connectionId + "|" + unitId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Path file(String meterId) {
        return directory.resolve(meterId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json");
    }
}
