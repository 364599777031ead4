package io.wattline.historian;

import java.util.List;

/**
 * The local store seen as an ordered log, for consumers that follow it by sequence number (the
 * forwarder) and keep their progress in the store itself.
 */
public interface CommittedSamples {

    /** Committed samples with {@code seq > after}, in seq order, at most {@code max} of them. */
    List<StoredSample> after(long after, int max);

    /** Highest committed seq, 0 if none was ever committed. */
    long lastSeq();

    /** The stored progress of {@code consumer}, 0 if it has none yet. */
    long watermark(String consumer);

    /** Durably records that {@code consumer} has handled everything up to {@code seq}. */
    void storeWatermark(String consumer, long seq);
}
