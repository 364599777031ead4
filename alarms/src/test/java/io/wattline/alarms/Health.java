package io.wattline.alarms;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;

/** Device health as a collector reports it, with only the state filled in. */
final class Health {

    private Health() {
    }

    static DeviceHealth of(String meter, DeviceState state) {
        return new DeviceHealth(meter, "c1", 1, state, null, null, null, null, null, null, 0, null, 1,
                state == DeviceState.ONLINE ? 0 : 1);
    }
}
