package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BusTimelineTest {

    private final BusTiming timing = BusTiming.modbus(9600);
    private final long c = timing.characterNanos();
    private final long silence = timing.silenceNanos();

    @Test
    void aRequestOnAnIdleBusStartsWhenItArrives() {
        BusTimeline line = new BusTimeline(timing);
        BusTimeline.Placed r = line.placeRequest(1_000_000, 1_000_000, 8);
        assertEquals(1_000_000, r.startNanos());
        assertEquals(1_000_000 + timing.bytesNanos(8), r.endNanos());
        assertEquals(r.endNanos() + silence, line.freeAtNanos());
    }

    @Test
    void theResponseFollowsSilenceAndTurnaroundAndTheNextRequestWaitsForSilence() {
        BusTimeline line = new BusTimeline(timing);
        BusTimeline.Placed r = line.placeRequest(0, 0, 8);
        long start = line.responseStart(r, 5_000_000);
        assertEquals(timing.bytesNanos(8) + silence + 5_000_000, start);
        long end = line.placeResponse(start, 25);
        assertEquals(start + timing.bytesNanos(25), end);
        // the master sends again the instant it has the answer: the bus holds it back by t3.5
        BusTimeline.Placed next = line.placeRequest(end + 1000, end + 1000, 8);
        assertEquals(end + silence, next.startNanos());
        // one that comes later than that starts when it comes
        long late = next.endNanos() + silence + 50 * c;
        assertEquals(late, line.placeRequest(late, late, 8).startNanos());
    }

    @Test
    void aSlowlyWrittenRequestEndsWithItsLastByte() {
        BusTimeline line = new BusTimeline(timing);
        long last = 100 * c;
        assertEquals(last, line.placeRequest(0, last, 8).endNanos());
    }
}
