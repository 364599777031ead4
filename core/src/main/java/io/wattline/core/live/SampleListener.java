package io.wattline.core.live;

import io.wattline.core.Sample;

/**
 * Receives every sample as it is published on the live path (JDK-only, so that modules such as
 * {@code alarms} can listen without knowing the collector or Reactor). Implementations must return
 * quickly and never block: they run on the publisher's thread.
 */
@FunctionalInterface
public interface SampleListener {

    void onSample(Sample sample);
}
