package io.wattline.alarms.rule;

import io.wattline.core.Sample;
import io.wattline.core.device.DeviceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A configured rule: the alarms it can raise, and what it sees of their conditions. The engine calls
 * {@code onSample}, {@code onHealth} and {@code onTick} on its one thread (they must be quick and may
 * keep state); {@link #poll} reads energy figures and runs on a thread of its own, so it must only
 * use what never changes.
 */
public interface AlarmRule {

    /** The alarms this rule can raise, one per source and condition. */
    List<AlarmDefinition> definitions();

    default void onSample(Sample sample, List<Observation> out) {
    }

    default void onHealth(DeviceHealth health, List<Observation> out) {
    }

    /** Conditions that change with time alone (a value growing stale, a break starting). */
    default void onTick(Instant now, List<Observation> out) {
    }

    /** How often {@link #poll} runs, or null for a rule that is not polled. */
    default Duration pollEvery() {
        return null;
    }

    /** Conditions read from energy figures (may block on the historian). */
    default List<Observation> poll(Instant now) {
        return List.of();
    }
}
