package io.wattline.collector.opcua;

import io.wattline.core.plant.PollingOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the OPC UA client.
 *
 * @param initialBackoff      wait after the first failed connect; doubles per failure
 * @param maxBackoff          longest wait between two connect attempts
 * @param requestTimeout      one service call
 * @param sessionTimeout      how long the server keeps our session while we are away
 * @param keepAliveInterval   session keep-alive reads; missed ones detect a dead server
 * @param healthPublishPeriod how often the devices' health points ({@code comm_*}) are published
 */
public record OpcUaCollectorOptions(Duration initialBackoff, Duration maxBackoff, Duration requestTimeout,
        Duration sessionTimeout, Duration keepAliveInterval, Duration healthPublishPeriod) {

    public OpcUaCollectorOptions {
        Objects.requireNonNull(healthPublishPeriod, "healthPublishPeriod");
        if (healthPublishPeriod.isNegative() || healthPublishPeriod.isZero()) {
            throw new IllegalArgumentException("healthPublishPeriod must be positive, was " + healthPublishPeriod);
        }
    }

    /** Health points every 10 s, as the Modbus collector's default. */
    public OpcUaCollectorOptions(Duration initialBackoff, Duration maxBackoff, Duration requestTimeout,
            Duration sessionTimeout, Duration keepAliveInterval) {
        this(initialBackoff, maxBackoff, requestTimeout, sessionTimeout, keepAliveInterval, Duration.ofSeconds(10));
    }

    public static OpcUaCollectorOptions defaults() {
        return new OpcUaCollectorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMinutes(2), Duration.ofSeconds(5));
    }

    /** These options with a connection's own backoff on top (the other polling options are Modbus ones). */
    public OpcUaCollectorOptions forConnection(PollingOptions own) {
        if (own == null || own.isDefault()) {
            return this;
        }
        return new OpcUaCollectorOptions(own.initialBackoffOr(initialBackoff), own.maxBackoffOr(maxBackoff),
                requestTimeout, sessionTimeout, keepAliveInterval, healthPublishPeriod);
    }

    public OpcUaCollectorOptions withHealthPublishPeriod(Duration d) {
        return new OpcUaCollectorOptions(initialBackoff, maxBackoff, requestTimeout, sessionTimeout, keepAliveInterval,
                d);
    }
}
