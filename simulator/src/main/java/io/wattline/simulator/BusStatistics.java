package io.wattline.simulator;

import java.time.Duration;

/**
 * What the emulated bus has carried since it started (or since the last reset), for benchmarks.
 *
 * @param requestFrames      frames the master sent (good or not)
 * @param responseFrames     frames slaves put on the wire (including exceptions and garbled ones)
 * @param unanswered         requests nobody answered: absent unit id, dead slave, broadcast
 * @param badRequestFrames   requests with a bad CRC or length, ignored as a real slave does
 * @param exceptionResponses responses that were Modbus exceptions
 * @param garbledResponses   responses a garbling slave corrupted
 * @param droppedResponses   responses not sent because the master spoke first (it had given up waiting)
 * @param bytesFromMaster    request bytes
 * @param bytesFromSlaves    response bytes
 * @param characterTime      time the wire carried characters: all bytes × character time
 * @param exchangeTime       time the bus was taken by exchanges: characters plus t3.5 silences and turnarounds
 */
public record BusStatistics(long requestFrames, long responseFrames, long unanswered, long badRequestFrames,
        long exceptionResponses, long garbledResponses, long droppedResponses, long bytesFromMaster,
        long bytesFromSlaves, Duration characterTime, Duration exchangeTime) {

    public long bytesOnWire() {
        return bytesFromMaster + bytesFromSlaves;
    }
}
