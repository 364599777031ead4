package io.wattline.core.device;

import java.time.Instant;
import java.util.Objects;

/** One failure of a device, as the health page lists the last few: when, and the reason in full. */
public record DeviceError(Instant time, String reason) {

    public DeviceError {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }
}
