package io.wattline.historian;

import java.time.Instant;

/**
 * What changed in the store since a moment, for caches of figures computed from it: a version
 * that grows with every committed sample, and whether any sample committed after a version is
 * stamped before a given time (a late or back-filled reading, which can change figures of a period
 * already over).
 */
public interface DataChanges {

    /** The version of the committed data now; grows with every commit. */
    long version();

    /** True when a sample committed after {@code version} has a time before {@code before}. */
    boolean committedSince(long version, Instant before);

    /**
     * How many times stored samples were changed in place (an audited replacement of a reading);
     * grows with each. Such a change can touch any period, so a cache drops what it kept before it.
     */
    default long rewrites() {
        return 0;
    }
}
