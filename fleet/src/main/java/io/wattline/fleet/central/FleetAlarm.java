package io.wattline.fleet.central;

import java.time.Instant;

/** An alarm an edge published as metrics ({@code Alarms/<id>/State}, {@code .../Priority}). */
public record FleetAlarm(String site, String edgeNode, String alarmId, String state, int priority, Instant time,
        boolean stale) {
}
