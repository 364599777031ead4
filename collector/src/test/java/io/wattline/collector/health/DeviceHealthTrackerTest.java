package io.wattline.collector.health;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceHealthTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final long S = 1_000_000_000L;

    private static DeviceHealthTracker tracker(int window) {
        return new DeviceHealthTracker("m1", "bus1", 3, Clock.fixed(T0, ZoneOffset.UTC), window,
                Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void beforeAnyRequestTheDeviceIsOfflineAndSaysSo() {
        DeviceHealth h = tracker(10).snapshot();
        assertEquals(DeviceState.OFFLINE, h.state());
        assertEquals("not polled yet", h.lastError());
        assertNull(h.successRatio());
        assertNull(h.latencyMeanMs());
        assertNull(h.lastGoodTime());
    }

    @Test
    void backoffDoublesFromOneSecondUpToTheCapAndAnAnswerEndsIt() {
        DeviceHealthTracker t = tracker(10);
        List<Long> backoffs = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 9; i++) {
            t.unanswered("timeout", now);
            backoffs.add(t.backoff().toSeconds());
            assertTrue(t.backedOff(now + t.backoff().toNanos() - 1), "still resting just before the probe");
            assertFalse(t.backedOff(now + t.backoff().toNanos()), "probe due at the end of the backoff");
            now += t.backoff().toNanos();
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), backoffs);
        DeviceHealth offline = t.snapshot();
        assertEquals(DeviceState.OFFLINE, offline.state());
        assertEquals(9, offline.consecutiveFailures());
        assertEquals(T0.plusSeconds(60), offline.nextProbeTime());

        t.answered(12_000_000);
        DeviceHealth back = t.snapshot();
        assertEquals(DeviceState.ONLINE, back.state(), "the outage does not keep it DEGRADED");
        assertEquals(1.0, back.successRatio());
        assertEquals(Duration.ZERO, t.backoff());
        assertFalse(t.backedOff(now));
        assertNull(back.nextProbeTime());
        assertEquals(T0, back.lastGoodTime());
        assertEquals(10, back.requests());
        assertEquals(9, back.failures());
    }

    @Test
    void ratioAndLatencyCoverTheWindowAndErrorsWhileAnsweringDegrade() {
        DeviceHealthTracker t = tracker(20);
        for (int i = 1; i <= 20; i++) {
            t.answered(i * 1_000_000L); // 1..20 ms
        }
        DeviceHealth h = t.snapshot();
        assertEquals(DeviceState.ONLINE, h.state());
        assertEquals(10.5, h.latencyMeanMs(), 1e-9);
        assertEquals(19.0, h.latencyP95Ms(), 1e-9, "nearest rank: the 19th of 20");
        t.answeredWithError("exception 2 (illegal data address)");
        h = t.snapshot();
        assertEquals(DeviceState.DEGRADED, h.state());
        assertEquals(19.0 / 20, h.successRatio(), 1e-9, "the oldest answer left the window");
        assertEquals("exception 2 (illegal data address)", h.lastError());
        assertEquals(0, h.consecutiveFailures(), "it answered: no backoff");
        assertFalse(t.offline());
        t.answered(5 * S / 1000);
        assertEquals(DeviceState.ONLINE, t.snapshot().state(), "19 of the last 20 succeed: ratio 0.95");
    }

    @Test
    void aDisabledDeviceStaysDisabled() {
        DeviceHealthTracker t = tracker(5);
        t.disable("connection plc1: type opc-ua is not supported");
        assertEquals(DeviceState.DISABLED, t.snapshot().state());
        assertEquals("connection plc1: type opc-ua is not supported", t.snapshot().lastError());
    }

    @Test
    void theListenerHearsEachStateChangeAndEachNewErrorReasonOnce() {
        List<DeviceHealth> heard = new ArrayList<>();
        DeviceHealthTracker t = new DeviceHealthTracker("m1", "bus1", 3, Clock.fixed(T0, ZoneOffset.UTC), 10,
                Duration.ofSeconds(1), Duration.ofSeconds(60), heard::add);
        t.answered(1_000_000);
        t.answered(1_000_000);                          // still ONLINE, no error: nothing new
        t.answeredWithError("exception 2 (illegal data address)");
        t.answeredWithError("exception 2 (illegal data address)"); // same state, same reason
        t.answeredWithError("bad response: crc error");  // same state, new reason
        t.unanswered("timeout", 0);
        t.unanswered("timeout", 2 * S);                  // a failed probe: still OFFLINE for the same reason
        t.answered(1_000_000);
        t.disable("connection bus1: no driver");
        assertEquals(List.of(
                        DeviceState.ONLINE + "/null",
                        DeviceState.DEGRADED + "/exception 2 (illegal data address)",
                        DeviceState.DEGRADED + "/bad response: crc error",
                        DeviceState.OFFLINE + "/timeout",
                        DeviceState.ONLINE + "/timeout",
                        DeviceState.DISABLED + "/connection bus1: no driver"),
                heard.stream().map(h -> h.state() + "/" + h.lastError()).toList());
        assertEquals(t.snapshot(), heard.get(heard.size() - 1), "the listener gets the full snapshot");
    }

    @Test
    void healthPointNamesAreTheCataloguesAndHoldEveryConstant() {
        assertEquals(List.copyOf(io.wattline.core.catalogue.PointCatalogue.HEALTH_POINTS.keySet()), HealthPoints.NAMES);
        assertTrue(HealthPoints.NAMES.containsAll(List.of(HealthPoints.ONLINE, HealthPoints.STATE,
                HealthPoints.SUCCESS_RATIO, HealthPoints.LATENCY_MS, HealthPoints.LATENCY_P95_MS)));
        assertTrue(HealthPoints.NAMES.stream().allMatch(n -> n.startsWith(HealthPoints.PREFIX)));
    }

    @Test
    void aDeviceThatRefusesSomePointsIsOnlineWithTheirCountAndDegradedWhenItRefusesAll() {
        DeviceHealthTracker t = tracker(10);
        t.answered(2_000_000);
        t.refused("exception 2 (illegal data address) from unit 3, FC 03 at 8218 (0x201A) count 2");
        t.refusedPoints(1, 15);
        DeviceHealth h = t.snapshot();
        assertEquals(DeviceState.ONLINE, h.state(), "a handled refusal is not a failing device");
        assertEquals(1, h.refusedPoints());
        assertEquals(1.0, h.successRatio(), "the refusal was an answer");
        t.refusedPoints(15, 15);
        assertEquals(DeviceState.DEGRADED, t.snapshot().state(), "refusing every point: likely the wrong profile");
    }

    @Test
    void theLastFewErrorsAreKeptWithTheirTimesNewestFirst() {
        DeviceHealthTracker t = tracker(100);
        for (int i = 0; i < DeviceHealthTracker.RECENT_ERRORS + 3; i++) {
            t.answeredWithError("error " + i);
        }
        List<io.wattline.core.device.DeviceError> recent = t.snapshot().recentErrors();
        assertEquals(DeviceHealthTracker.RECENT_ERRORS, recent.size());
        assertEquals("error " + (DeviceHealthTracker.RECENT_ERRORS + 2), recent.get(0).reason());
        assertEquals(T0, recent.get(0).time());
        t.lateAnswer("late answer: unit 3 ...", "an earlier request to this unit was answered after 1.5 s");
        assertEquals("late answer: unit 3 ...", t.snapshot().recentErrors().get(0).reason());
        assertEquals("an earlier request to this unit was answered after 1.5 s", t.lateHint());
    }

    @Test
    void probingNowEndsTheRest() {
        DeviceHealthTracker t = tracker(10);
        t.unanswered("timeout", 0);
        t.unanswered("timeout", 0);                      // rest now 2 s
        assertTrue(t.backedOff(S));
        t.probeNow(S);
        assertFalse(t.backedOff(S), "due at once");
        assertEquals(T0, t.snapshot().nextProbeTime());
    }
}
