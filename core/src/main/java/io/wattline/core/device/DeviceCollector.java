package io.wattline.core.device;

import io.wattline.core.PointId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one contract every protocol's collector keeps (Modbus, OPC UA): it reads its devices'
 * points, publishes their samples on the live path, and reports each device's health. The
 * application wires a list of them and never asks which protocol one speaks.
 */
public interface DeviceCollector extends AutoCloseable {

    /** A short name for logs ({@code modbus}, {@code opcua}). */
    String protocol();

    /** Starts reading; returns at once (connections are made in the background). Idempotent. */
    void start();

    /** The points this collector reads (health points excluded), in plant order. */
    List<PointId> points();

    /** The ids of the devices (meters) this collector serves, in plant order. */
    List<String> devices();

    /** Health of every device this collector serves, in plant order. */
    List<DeviceHealth> health();

    /** Health of one device, if this collector serves it. */
    Optional<DeviceHealth> health(String meterId);

    /**
     * Details beyond the health figures (recent errors, points not read, certificates) of one
     * device, if this collector serves it and keeps any; empty by default.
     */
    default Optional<DeviceDiagnostics> diagnostics(String meterId) {
        return Optional.empty();
    }

    /**
     * Adds a listener told of every device's state changes from now on; it is also told the
     * current health of each device at once.
     */
    void addHealthListener(DeviceHealthListener listener);

    /**
     * What this collector learned about the registers a device refuses and how it reads around
     * them; empty when nothing was learned or the protocol has no such thing.
     */
    default Optional<LearnedReadPlan> learnedPlan(String meterId) {
        return Optional.empty();
    }

    /**
     * Asks a device now instead of at its next poll or probe (an OFFLINE device's rest ends at
     * once). The future completes with the device's health after that attempt. Empty when this
     * collector does not serve the device or cannot probe on demand.
     *
     * @param forget also forget what was learned about refused registers, so they are tried again
     */
    default Optional<CompletableFuture<DeviceHealth>> probe(String meterId, boolean forget) {
        return Optional.empty();
    }

    /** Stops reading and closes every connection; idempotent, never throws. */
    @Override
    void close();
}
