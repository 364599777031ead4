package io.wattline.historian.duckdb;

import io.wattline.historian.HistorianOptions;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The low-space watermark of the data volume. Writing stops before the disk is full, so DuckDB never
 * meets "no space left on device" in the middle of a commit (which can leave its in-memory state
 * unusable), and resumes when usable space is back above the watermark plus a margin of a half
 * (hysteresis, so the store does not flap at the edge). One statvfs call per check: cheap enough
 * before every commit.
 */
final class SpaceGuard {

    static final long AUTO_CAP_BYTES = 200L * 1024 * 1024;

    private final Path directory;
    private final long configured;
    private FileStore store; // looked up once; the mount table does not change under a data dir
    private volatile boolean low;
    private volatile long usableBytes = -1;
    private volatile long watermarkBytes;
    // Set when a commit failed for lack of space: held until at least this much is usable again,
    // whatever the watermark (also with none configured).
    private volatile long floorAfterFailure;
    static final long FLOOR_AFTER_FAILURE_BYTES = 4L * 1024 * 1024;

    SpaceGuard(Path directory, long minFreeBytes) {
        this.directory = directory;
        this.configured = minFreeBytes;
    }

    /** Checks the volume now; true while below the watermark (or not yet back above it plus the margin). */
    boolean low() {
        long usable;
        long total;
        try {
            if (store == null) {
                store = Files.getFileStore(directory);
            }
            usable = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (IOException | RuntimeException e) {
            return low; // cannot tell: keep the last state, the commit itself will say more
        }
        long watermark = configured == HistorianOptions.AUTO_MIN_FREE ? Math.min(AUTO_CAP_BYTES, total / 100) : configured;
        watermarkBytes = watermark;
        usableBytes = usable;
        long floor = floorAfterFailure;
        if (floor > 0) {
            if (usable < floor) {
                low = true;
                return true;
            }
            floorAfterFailure = 0;
            low = false;
        }
        if (watermark <= 0) {
            low = false;
        } else if (low) {
            low = usable < watermark + watermark / 2;
        } else {
            low = usable < watermark;
        }
        return low;
    }

    /** A commit failed with "no space left": hold writes until there is room for one again. */
    void commitFailedForSpace() {
        floorAfterFailure = Math.max(FLOOR_AFTER_FAILURE_BYTES, watermarkBytes + watermarkBytes / 2);
        low = true;
    }

    /** The state of the last check, without checking. */
    boolean wasLow() {
        return low;
    }

    /** Why writing is held, for the status and alarms; empty while there is room. */
    Optional<String> reason() {
        if (!low) {
            return Optional.empty();
        }
        if (floorAfterFailure > 0) {
            return Optional.of("the data volume of " + directory + " is full (a commit failed: no space left on device; "
                    + mb(usableBytes) + " usable); writing is held until " + mb(floorAfterFailure) + " are free again");
        }
        return Optional.of("low disk space on the data volume of " + directory + ": " + mb(usableBytes)
                + " usable, below the watermark of " + mb(watermarkBytes)
                + " (wattline.historian.min-free); writing is held until space returns");
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
