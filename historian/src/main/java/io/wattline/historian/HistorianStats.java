package io.wattline.historian;

import java.time.Instant;

/**
 * Counters of one store since it was opened. {@code offered} counts every call of
 * {@link SampleWriter#offer}, accepted or not, so {@code offered - dropped} samples were accepted
 * and {@code offered - dropped - committed} are still on their way (queued or in the open batch).
 *
 * @param offered every offer since open, accepted or refused
 * @param committed samples committed to the store since open
 * @param dropped offers refused (queue full or store closing), and samples lost because a commit
 *     kept failing while the store was being closed
 * @param queueDepth samples waiting in the queue right now
 * @param lastCommit time of the last successful commit, null if none since open
 */
public record HistorianStats(long offered, long committed, long dropped, int queueDepth, Instant lastCommit) {
}
