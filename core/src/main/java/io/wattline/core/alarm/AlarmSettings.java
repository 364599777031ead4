package io.wattline.core.alarm;

import java.time.Duration;
import java.util.List;

/**
 * The plant file's {@code alarms:} section: the rules, how to tell a line is stopped (suppression by
 * design), the sound-and-light outputs, and the longest an alarm may be shelved.
 */
public record AlarmSettings(List<AlarmRuleSettings> rules, List<LineStopSignal> lineStops,
        List<BeaconSettings> beacons, Duration maxShelve) {

    /** Shelving longer than this needs a configured {@code maxShelve}. */
    public static final Duration DEFAULT_MAX_SHELVE = Duration.ofHours(8);

    public AlarmSettings {
        rules = rules == null ? List.of() : List.copyOf(rules);
        lineStops = lineStops == null ? List.of() : List.copyOf(lineStops);
        beacons = beacons == null ? List.of() : List.copyOf(beacons);
        maxShelve = maxShelve == null ? DEFAULT_MAX_SHELVE : maxShelve;
    }

    /** A plant without alarm rules (no {@code alarms:} section). */
    public static AlarmSettings none() {
        return new AlarmSettings(List.of(), List.of(), List.of(), null);
    }
}
