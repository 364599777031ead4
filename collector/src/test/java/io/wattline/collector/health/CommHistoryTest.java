package io.wattline.collector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.collector.health.CommHistory.Entry;
import io.wattline.collector.health.CommHistory.Kind;
import io.wattline.core.device.DeviceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history a real {@link DeviceHealthTracker} leaves when it reports to a {@link CommHistory}. */
class CommHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private static DeviceHealthTracker tracker(CommHistory history) {
        return new DeviceHealthTracker("m1", "bus1", 3, CLOCK, 10, Duration.ofSeconds(1), Duration.ofSeconds(60),
                history);
    }

    @Test
    void anOutageAndTheReturnLeaveStateChangesWithTheirReasonNewestFirst() {
        CommHistory history = new CommHistory(CLOCK);
        DeviceHealthTracker t = tracker(history);
        t.answered(5_000_000);
        t.unanswered("timeout after 1000 ms", 0);
        t.unanswered("timeout after 1000 ms", 1_000_000_000L);   // same reason: no new entry
        t.answered(5_000_000);

        List<Entry> h = history.of("m1");
        assertEquals(List.of(DeviceState.ONLINE, DeviceState.OFFLINE, DeviceState.ONLINE),
                h.stream().map(Entry::state).toList(), "newest first: back ONLINE, OFFLINE, first ONLINE; " + h);
        assertEquals(DeviceState.OFFLINE, h.get(0).from());
        assertEquals("timeout after 1000 ms", h.get(1).reason(), "the outage says why");
        assertNull(h.get(0).reason(), "an ONLINE entry carries no error");
        assertEquals(List.of(Kind.STATE, Kind.STATE, Kind.STATE), h.stream().map(Entry::kind).toList());
    }

    @Test
    void aNewErrorReasonWithoutAStateChangeIsItsOwnEntry() {
        CommHistory history = new CommHistory(CLOCK);
        DeviceHealthTracker t = tracker(history);
        t.answered(5_000_000);
        t.answeredWithError("exception 2 (illegal data address) at 40001");
        t.answeredWithError("CRC error");
        List<Entry> h = history.of("m1");
        // the first error comes with the change to DEGRADED, the next one (still DEGRADED) is its own entry
        assertEquals(List.of(Kind.ERROR, Kind.STATE, Kind.STATE), h.stream().map(Entry::kind).toList(), h.toString());
        assertEquals("CRC error", h.get(0).reason());
        assertEquals(DeviceState.DEGRADED, h.get(0).state());
        assertEquals("exception 2 (illegal data address) at 40001", h.get(1).reason());
        assertEquals(DeviceState.DEGRADED, h.get(1).state());
    }

    @Test
    void keepsOnlyTheNewestEntriesUpToItsCapacity() {
        CommHistory history = new CommHistory(CLOCK, 3);
        DeviceHealthTracker t = tracker(history);
        for (int i = 0; i < 5; i++) {
            t.answered(5_000_000);
            t.unanswered("timeout " + i, 0);
        }
        List<Entry> h = history.of("m1");
        assertEquals(3, h.size(), h.toString());
        assertEquals("timeout 4", h.get(0).reason(), "the newest is kept");
        assertEquals(List.of(), history.of("unknown"));
        assertThrows(IllegalArgumentException.class, () -> new CommHistory(CLOCK, 0));
    }
}
