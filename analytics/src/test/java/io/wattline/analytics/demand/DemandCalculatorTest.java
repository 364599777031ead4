package io.wattline.analytics.demand;

import static io.wattline.analytics.Plant.ZONE;
import static io.wattline.analytics.Plant.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.consumption.CounterReading;
import io.wattline.analytics.consumption.CounterSettings;
import io.wattline.analytics.consumption.CounterUnwrapper;
import io.wattline.analytics.consumption.UnwrappedCounter;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemandCalculatorTest {

    private static final double EPS = 1e-9;
    private final DemandCalculator demand = new DemandCalculator(ZONE);

    private static UnwrappedCounter counter(CounterReading... readings) {
        return new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(List.of(readings), List.of());
    }

    // Readings 07:35 185.0, 07:50 200.0, 08:05 215.0 (1 kWh/min; the 08:00 valley→flat change lies
    // inside the 07:50-08:05 interval). Block [07:45, 08:00): C(08:00) − C(07:45) = 210 − 195 = 15 kWh,
    // × 4 = 60 kW. Block [07:30, 07:45) starts before the first reading: C(07:45) − C(07:30) =
    // 195 − 185 (held) = 10 kWh = 40 kW, with 5 min (300 s) uncovered.
    @Test
    void blockDemandIsTheBlocksEnergyTimesFour() {
        UnwrappedCounter c = counter(new CounterReading(at("2026-03-10T07:35"), 185.0),
                new CounterReading(at("2026-03-10T07:50"), 200.0), new CounterReading(at("2026-03-10T08:05"), 215.0));
        List<BlockDemand> blocks = demand.blocks(c, at("2026-03-10T07:30"), at("2026-03-10T08:00"));
        assertEquals(2, blocks.size());
        assertEquals(at("2026-03-10T07:30"), blocks.get(0).start());
        assertEquals(40.0, blocks.get(0).kw(), EPS);
        assertEquals(300, blocks.get(0).flags().uncoveredSeconds());
        assertEquals(at("2026-03-10T07:45"), blocks.get(1).start());
        assertEquals(60.0, blocks.get(1).kw(), EPS);
        assertTrue(blocks.get(1).flags().clean());
    }

    @Test
    void blocksAreAlignedToTheLocalClockAndOnlyWholeBlocksCount() {
        UnwrappedCounter c = counter(new CounterReading(at("2026-03-10T07:00"), 0.0),
                new CounterReading(at("2026-03-10T09:00"), 120.0));
        List<BlockDemand> blocks = demand.blocks(c, at("2026-03-10T07:07"), at("2026-03-10T08:10"));
        // 07:15, 07:30, 07:45 (08:00-08:15 does not end by 08:10)
        assertEquals(List.of(at("2026-03-10T07:15"), at("2026-03-10T07:30"), at("2026-03-10T07:45")),
                blocks.stream().map(BlockDemand::start).toList());
        // A zone 5:45 ahead of UTC: local :00/:15 blocks are not UTC-aligned.
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        List<BlockDemand> nepal = new DemandCalculator(kathmandu).blocks(c, at("2026-03-10T07:00"),
                at("2026-03-10T08:00"));
        assertEquals(0, nepal.get(0).start().atZone(kathmandu).getMinute() % 15);
    }

    // Month boundary: readings 2026-01-31 23:50 5000.0 and 2026-02-01 00:20 5030.0 (1 kWh/min), none
    // otherwise. January's last block [23:45, 24:00): 5010 − 5000 (held before 23:50) = 10 kWh = 40 kW;
    // every other January block is 0. February's first block [00:00, 00:15): 5025 − 5010 = 15 kWh = 60 kW;
    // [00:15, 00:30): 5030 − 5025 = 5 kWh = 20 kW; the rest 0.
    @Test
    void monthMaximumOnEachSideOfAMonthBoundary() {
        UnwrappedCounter c = counter(new CounterReading(at("2026-01-31T23:50"), 5000.0),
                new CounterReading(at("2026-02-01T00:20"), 5030.0));
        PeakDemand january = demand.monthMaximum(c, YearMonth.of(2026, 1)).orElseThrow();
        assertEquals(at("2026-01-31T23:45"), january.block().start());
        assertEquals(40.0, january.block().kw(), EPS);
        PeakDemand february = demand.monthMaximum(c, YearMonth.of(2026, 2)).orElseThrow();
        assertEquals(at("2026-02-01T00:00"), february.block().start());
        assertEquals(60.0, february.block().kw(), EPS);
        assertEquals(28 * 96, demand.blocks(c, at("2026-02-01T00:00"), at("2026-03-01T00:00")).size());
    }

    @Test
    void slidingWindowsFindAPeakThatStraddlesTwoBlocks() {
        // 30 kWh drawn between 07:55 and 08:05 (3 kWh/min), nothing else: each aligned block sees
        // 15 kWh (60 kW); with a 5-minute step the windows 07:50-08:05 and 07:55-08:10 both see all
        // 30 kWh (120 kW), and the earlier one is reported.
        UnwrappedCounter c = counter(new CounterReading(at("2026-03-10T07:00"), 0.0),
                new CounterReading(at("2026-03-10T07:55"), 0.0), new CounterReading(at("2026-03-10T08:05"), 30.0),
                new CounterReading(at("2026-03-10T09:00"), 30.0));
        BlockDemand blockMax = DemandCalculator.maximum(demand.blocks(c, at("2026-03-10T07:00"),
                at("2026-03-10T09:00"))).orElseThrow();
        assertEquals(60.0, blockMax.kw(), EPS);
        assertEquals(at("2026-03-10T07:45"), blockMax.start(), "ties go to the earliest block");
        BlockDemand slidingMax = DemandCalculator.maximum(demand.sliding(c, at("2026-03-10T07:00"),
                at("2026-03-10T09:00"), Duration.ofMinutes(5))).orElseThrow();
        assertEquals(120.0, slidingMax.kw(), EPS);
        assertEquals(at("2026-03-10T07:50"), slidingMax.start());
    }

    @Test
    void aBlockThatDoesNotDivideTheDayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DemandCalculator(ZONE, Duration.ofMinutes(7)));
    }
}
