package io.wattline.collector.health;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one collector's device-health changes. Deliveries are serialised, so a listener
 * added while devices change sees each device's current health first and every later change after
 * it, never an older state last. A listener that throws is logged and keeps its place.
 */
public final class HealthListeners implements DeviceHealthListener {

    private static final Logger log = LoggerFactory.getLogger(HealthListeners.class);

    private final List<DeviceHealthListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds {@code listener} and tells it the current health of every device at once. */
    public synchronized void add(DeviceHealthListener listener, Supplier<List<DeviceHealth>> current) {
        listeners.add(listener);
        current.get().forEach(h -> deliver(listener, h));
    }

    /** Tells every listener; called by the trackers outside their own locks. */
    @Override
    public synchronized void onHealth(DeviceHealth health) {
        listeners.forEach(l -> deliver(l, health));
    }

    private static void deliver(DeviceHealthListener listener, DeviceHealth health) {
        try {
            listener.onHealth(health);
        } catch (RuntimeException e) {
            // One faulty listener must not stop collection or starve the others.
            log.error("device health listener {} failed on {} ({})", listener, health.meterId(), health.state(), e);
        }
    }
}
