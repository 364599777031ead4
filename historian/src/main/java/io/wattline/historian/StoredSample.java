package io.wattline.historian;

import io.wattline.core.Sample;

/** A committed sample with its store sequence number (commit order, gap-free). */
public record StoredSample(long seq, Sample sample) {
}
