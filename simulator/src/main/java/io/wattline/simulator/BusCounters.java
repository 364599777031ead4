package io.wattline.simulator;

import java.time.Duration;

/** The running totals behind {@link BusStatistics}; written by the bus thread, read by anyone. */
final class BusCounters {

    private long requestFrames;
    private long responseFrames;
    private long unanswered;
    private long badRequestFrames;
    private long exceptionResponses;
    private long garbledResponses;
    private long droppedResponses;
    private long bytesFromMaster;
    private long bytesFromSlaves;
    private long characterNanos;
    private long exchangeNanos;

    synchronized void request(int bytes, long wireNanos) {
        requestFrames++;
        bytesFromMaster += bytes;
        characterNanos += wireNanos;
    }

    synchronized void badRequest(long exchange) {
        badRequestFrames++;
        exchangeNanos += exchange;
    }

    synchronized void unanswered(long exchange) {
        unanswered++;
        exchangeNanos += exchange;
    }

    synchronized void dropped(long exchange) {
        droppedResponses++;
        exchangeNanos += exchange;
    }

    synchronized void response(int bytes, long wireNanos, boolean exception, boolean garbled, long exchange) {
        responseFrames++;
        bytesFromSlaves += bytes;
        characterNanos += wireNanos;
        exceptionResponses += exception ? 1 : 0;
        garbledResponses += garbled ? 1 : 0;
        exchangeNanos += exchange;
    }

    synchronized BusStatistics snapshot() {
        return new BusStatistics(requestFrames, responseFrames, unanswered, badRequestFrames, exceptionResponses,
                garbledResponses, droppedResponses, bytesFromMaster, bytesFromSlaves, Duration.ofNanos(characterNanos),
                Duration.ofNanos(exchangeNanos));
    }

    synchronized void reset() {
        requestFrames = 0;
        responseFrames = 0;
        unanswered = 0;
        badRequestFrames = 0;
        exceptionResponses = 0;
        garbledResponses = 0;
        droppedResponses = 0;
        bytesFromMaster = 0;
        bytesFromSlaves = 0;
        characterNanos = 0;
        exchangeNanos = 0;
    }
}
