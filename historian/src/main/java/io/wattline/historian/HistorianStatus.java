package io.wattline.historian;

import java.time.Instant;
import java.util.List;

/**
 * The historian at a glance, for {@code GET /api/historian/status}: plain values that serialise as
 * they are (instants as ISO-8601 text, null when unknown).
 *
 * @param at when this status was taken
 * @param store the local writer's counters since open
 * @param lastSeq highest committed seq
 * @param rollupWatermark highest seq folded into the rollups
 * @param rawRetentionDays raw samples older than this many days are deleted once rolled up and forwarded
 * @param rawDeleted raw samples deleted by retention since open
 * @param forwarder the forwarder's status, null when no InfluxDB is configured
 * @param alarms active system alarms, oldest first
 */
public record HistorianStatus(Instant at, HistorianStats store, long lastSeq, long rollupWatermark,
        double rawRetentionDays, long rawDeleted, ForwarderStatus forwarder, List<SystemAlarm> alarms) {
}
