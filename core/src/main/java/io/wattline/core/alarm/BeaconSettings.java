package io.wattline.core.alarm;

import java.time.Duration;
import java.util.Set;

/**
 * A sound-and-light output (beacon or horn relay on an I/O module): a Modbus coil or holding
 * register on one of the plant's connections, switched on while an unacknowledged alarm of one of
 * {@code priorities} exists.
 *
 * @param coil     true: a coil (FC 5); false: a holding register (FC 6) written {@code onValue}/{@code offValue}
 * @param refresh  how often the current state is written again (an I/O module that restarted gets it back)
 */
public record BeaconSettings(String id, String connection, int unitId, boolean coil, int address, int onValue,
        int offValue, Set<String> priorities, Duration refresh) {

    public BeaconSettings {
        priorities = Set.copyOf(priorities);
        refresh = refresh == null ? Duration.ofSeconds(10) : refresh;
    }
}
