package io.wattline.alarms.rule;

import java.time.Instant;

/**
 * What a rule saw about one of its alarms: whether the condition is abnormal now, and the value
 * compared (null when there is none, as for communication loss).
 *
 * @param time when it was seen; null: now, by the engine's clock
 */
public record Observation(String key, boolean abnormal, Double value, Instant time) {
}
