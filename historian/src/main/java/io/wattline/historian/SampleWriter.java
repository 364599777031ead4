package io.wattline.historian;

import io.wattline.core.Sample;

/**
 * Where collectors hand samples to the historian. Offering never blocks collection: when the
 * historian cannot keep up, samples are refused and counted rather than stalling a bus scan.
 */
public interface SampleWriter {

    /**
     * Queues one sample for the next batched commit without blocking.
     *
     * @return false when the sample was refused (bounded queue full, or the writer is closing);
     *     the refusal is counted in {@link HistorianStats#dropped()}
     */
    boolean offer(Sample sample);

    /**
     * Waits until every sample whose {@link #offer} returned true before this call is committed
     * to the store.
     *
     * @throws HistorianException if the writer stopped or the wait was interrupted
     */
    void flush();
}
