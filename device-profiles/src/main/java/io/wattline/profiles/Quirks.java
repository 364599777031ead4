package io.wattline.profiles;

import java.time.Duration;

/**
 * Documented device quirks, opt-in per profile (Telegraf's "workarounds"): the request planner
 * honours them, and each has a reason in the profile.
 *
 * @param maxRegistersPerRequest at most this many registers in one read (Modbus allows 125)
 * @param evenRegisterCount      every read must ask for an even number of registers
 * @param pauseBetweenRequests   silence to keep after each response before the next request
 * @param oneRequestPerPoint     the device cannot read across point boundaries
 */
public record Quirks(int maxRegistersPerRequest, boolean evenRegisterCount,
        Duration pauseBetweenRequests, boolean oneRequestPerPoint) {

    public static final int MODBUS_MAX_REGISTERS = 125;

    public static Quirks none() {
        return new Quirks(MODBUS_MAX_REGISTERS, false, Duration.ZERO, false);
    }
}
