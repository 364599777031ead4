package io.wattline.collector.opcua;

import io.wattline.collector.opcua.EngineeringUnit.LinearConversion;
import java.time.Duration;
import java.time.Instant;

/**
 * The state of one point of a connection across sessions and subscriptions: how its raw values
 * convert (decided from the server's unit), why it is not monitored (if it is not) and when to try
 * again, and the time of the last sample published for it, so that the point's samples never go
 * back in time (the stored history then ends where the live view is).
 */
final class MonitoredPoint {

    private final OpcUaConnection.Bound bound;
    private volatile LinearConversion conversion;
    private String problem;
    private Instant problemSince;
    private String loggedProblem;
    private Duration retryBackoff;
    private Instant nextRetry;
    private Instant lastTime;

    MonitoredPoint(OpcUaConnection.Bound bound) {
        this.bound = bound;
        this.conversion = new LinearConversion(bound.point().scale(), bound.point().offset());
    }

    OpcUaConnection.Bound bound() {
        return bound;
    }

    LinearConversion conversion() {
        return conversion;
    }

    void conversion(LinearConversion c) {
        conversion = c;
    }

    /**
     * The time to publish a sample read at {@code reading} with: the reading's own time, unless a
     * sample with a later time was published already (a BAD "session lost" while away, then the
     * server re-sends an unchanged value with its old source timestamp): then the time it arrived,
     * since it tells the value holds now. Equal times stay equal (a re-statement of a stored reading).
     */
    synchronized Instant stamp(Instant reading, Instant now) {
        Instant t = reading;
        if (lastTime != null && reading.isBefore(lastTime)) {
            t = now.isAfter(lastTime) ? now : lastTime.plusNanos(1000);
        }
        if (lastTime == null || t.isAfter(lastTime)) {
            lastTime = t;
        }
        return t;
    }

    /** Why the point is not monitored, null while it is. */
    synchronized String problem() {
        return problem;
    }

    synchronized Instant problemSince() {
        return problemSince;
    }

    /**
     * Records that the point is not monitored; returns true when the reason is new (to be logged and
     * published), false for a repeat. The first retry waits {@code initial}, each failed one twice as long.
     */
    synchronized boolean failed(String reason, Instant now, Duration initial, Duration max) {
        boolean fresh = !kind(reason).equals(loggedProblem == null ? null : kind(loggedProblem));
        if (problem == null) {
            problemSince = now;
            retryBackoff = initial;
        } else {
            retryBackoff = retryBackoff.multipliedBy(2).compareTo(max) > 0 ? max : retryBackoff.multipliedBy(2);
        }
        problem = reason;
        loggedProblem = reason;
        nextRetry = now.plus(retryBackoff);
        return fresh;
    }

    /** A node deleted (Bad_NodeIdInvalid) and then refused while absent (Bad_NodeIdUnknown) is one problem. */
    private static String kind(String reason) {
        return reason.contains("Bad_NodeIdUnknown") || reason.contains("Bad_NodeIdInvalid") ? "node missing" : reason;
    }

    /** The point is monitored (again); returns true when it had a problem before. */
    synchronized boolean monitored() {
        boolean recovered = problem != null;
        problem = null;
        problemSince = null;
        loggedProblem = null;
        nextRetry = null;
        return recovered;
    }

    /** True when the point has a problem and its next retry is due. */
    synchronized boolean retryDue(Instant now) {
        return problem != null && nextRetry != null && !now.isBefore(nextRetry);
    }
}
