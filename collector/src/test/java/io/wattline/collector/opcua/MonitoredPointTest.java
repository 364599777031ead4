package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.profiles.opcua.OpcUaPoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A point's samples never go back in time, and its failures are retried with a growing wait. */
class MonitoredPointTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static MonitoredPoint point() {
        OpcUaPoint p = new OpcUaPoint("power", Quantity.ACTIVE_POWER, "kW", "ns=1;s=P", null, Duration.ofSeconds(1), 1,
                Deadband.NONE, 1, 0);
        return new MonitoredPoint(new OpcUaConnection.Bound(new PointId("m", "power"), "m", p, Duration.ofSeconds(1)));
    }

    @Test
    void readingsKeepTheirOwnTimeWhileTheyGoForward() {
        MonitoredPoint p = point();
        assertEquals(T0, p.stamp(T0, T0.plusSeconds(1)));
        assertEquals(T0.plusSeconds(5), p.stamp(T0.plusSeconds(5), T0.plusSeconds(6)));
        assertEquals(T0.plusSeconds(5), p.stamp(T0.plusSeconds(5), T0.plusSeconds(9)), "a re-statement keeps its time");
    }

    @Test
    void anOlderReadingAfterALaterSampleIsStampedWhenItArrived() {
        MonitoredPoint p = point();
        p.stamp(T0, T0);
        Instant away = T0.plusSeconds(30);
        p.stamp(away, away); // BAD "session lost", stamped now
        // The server re-sends the unchanged value with its old source time: it holds now.
        Instant arrived = T0.plusSeconds(40);
        assertEquals(arrived, p.stamp(T0, arrived));
        // A clock that did not move on still moves the point forward, by a microsecond.
        assertEquals(arrived.plusNanos(1000), p.stamp(T0, arrived));
    }

    @Test
    void failuresAreRetriedWithBackoffAndLoggedOncePerReason() {
        MonitoredPoint p = point();
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(4);
        assertTrue(p.failed("Bad_NodeIdUnknown", T0, initial, max), "a new problem");
        assertFalse(p.retryDue(T0));
        assertTrue(p.retryDue(T0.plusSeconds(1)));
        assertFalse(p.failed("Bad_NodeIdUnknown", T0.plusSeconds(1), initial, max), "the same problem again");
        assertFalse(p.retryDue(T0.plusSeconds(2)), "waits twice as long");
        assertTrue(p.retryDue(T0.plusSeconds(3)));
        p.failed("Bad_NodeIdUnknown", T0.plusSeconds(3), initial, max);
        p.failed("Bad_NodeIdUnknown", T0.plusSeconds(7), initial, max);
        assertTrue(p.retryDue(T0.plusSeconds(11)), "never more than the longest wait");
        assertEquals(T0, p.problemSince());
        assertFalse(p.failed("server refused to monitor ns=1;s=P: Bad_NodeIdInvalid", T0.plusSeconds(11), initial, max),
                "a node deleted, then refused while absent, is one problem");
        assertTrue(p.failed("unit mismatch", T0.plusSeconds(11), initial, max), "another reason is logged");
        assertTrue(p.monitored(), "recovered");
        assertNull(p.problem());
        assertFalse(p.retryDue(T0.plusSeconds(100)));
    }
}
