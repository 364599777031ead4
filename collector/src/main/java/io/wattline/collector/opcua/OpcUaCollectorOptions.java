package io.wattline.collector.opcua;

import java.time.Duration;

/**
 * Timing of the OPC UA client.
 *
 * @param initialBackoff   wait after the first failed connect; doubles per failure
 * @param maxBackoff       longest wait between two connect attempts
 * @param requestTimeout   one service call
 * @param sessionTimeout   how long the server keeps our session while we are away
 * @param keepAliveInterval session keep-alive reads; missed ones detect a dead server
 */
public record OpcUaCollectorOptions(Duration initialBackoff, Duration maxBackoff, Duration requestTimeout,
        Duration sessionTimeout, Duration keepAliveInterval) {

    public static OpcUaCollectorOptions defaults() {
        return new OpcUaCollectorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMinutes(2), Duration.ofSeconds(5));
    }
}
