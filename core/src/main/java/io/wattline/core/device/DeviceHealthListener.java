package io.wattline.core.device;

/**
 * Receives a device's health whenever its {@link DeviceState} changes (and its error, when it
 * fails for a new reason), whatever protocol the device speaks. Must return quickly and never block.
 */
@FunctionalInterface
public interface DeviceHealthListener {

    void onHealth(DeviceHealth health);
}
