package io.wattline.collector.modbus;

import io.wattline.profiles.RegisterFunction;
import java.time.Duration;

/**
 * An answer that arrived after its request had timed out: proof that the device is there but slower
 * than the connection's timeout, and by how much.
 *
 * @param answeredAfter from sending the request to the first byte of the answer
 */
public record LateAnswer(int unitId, RegisterFunction function, int start, int count, Duration timeout,
        Duration answeredAfter, String endpoint) {
}
