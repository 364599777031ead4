package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.Plant;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TariffPeriod;
import io.wattline.core.tariff.TariffSeason;
import io.wattline.core.tariff.TariffSource;
import io.wattline.core.tariff.TouTariff;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-computed fixture through a real DuckDB historian, read on the rollup and the raw path:
 * 40 kWh/h steady from 05:00 to 15:00 (Asia/Shanghai), readings every 15 min starting at 99 900 on a
 * register wrapping at 100 000 (so it rolls over at 07:30), and no readings between 13:30 and 14:10
 * (a 40-minute gap across the 14:00 shift change; 14:10 is read at its true value).
 */
class AccountingServiceTest {

    @TempDir
    static Path data;

    private static Historian historian;
    private static AccountingService service;
    private static final PointId POINT = new PointId("m", "active_energy_import");

    @BeforeAll
    static void write() {
        historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        Instant start = Plant.at("2026-03-02T05:00");
        for (int minutes = 0; minutes <= 600; minutes += 5) {
            boolean quarter = minutes % 15 == 0;
            boolean inGap = minutes > 8 * 60 + 30 && minutes < 9 * 60 + 10;
            if ((quarter && !inGap) || minutes == 9 * 60 + 10) {
                double value = (99_900 + 40.0 * minutes / 60.0) % 100_000;
                historian.writer().offer(Sample.good(POINT, start.plus(Duration.ofMinutes(minutes)), value));
            }
        }
        historian.writer().flush();
        historian.rollUpNow();
        service = serviceOver(historian);
    }

    /** The one-meter plant of this test over {@code store}. */
    private static AccountingService serviceOver(Historian store) {
        Meter m = new Meter("m", "Press 冲压", "x/y", "c", 1, EnergyCarrier.ELECTRICITY, "w", "l1", null, "cc", null,
                Map.of());
        // one daily pattern all year (the plant file's single-season form), no demand charge
        TouTariff tariff = new TouTariff("t", "t", "test", "CNY", LocalDate.of(2000, 1, 1),
                List.of(new TariffSource("test", null, "hand-made")), true,
                Map.of(TariffBand.PEAK, 1.02, TariffBand.FLAT, 0.60, TariffBand.VALLEY, 0.23),
                List.of(new TariffSeason("all-year", EnumSet.allOf(Month.class), List.of(
                new TariffPeriod(LocalTime.of(0, 0), LocalTime.of(8, 0), TariffBand.VALLEY),
                new TariffPeriod(LocalTime.of(8, 0), LocalTime.of(10, 0), TariffBand.FLAT),
                new TariffPeriod(LocalTime.of(10, 0), LocalTime.of(12, 0), TariffBand.PEAK),
                new TariffPeriod(LocalTime.of(12, 0), LocalTime.of(14, 0), TariffBand.FLAT),
                new TariffPeriod(LocalTime.of(14, 0), LocalTime.of(19, 0), TariffBand.PEAK),
                new TariffPeriod(LocalTime.of(19, 0), LocalTime.of(0, 0), TariffBand.FLAT)))),
                Map.of(), OptionalDouble.empty(), OptionalDouble.empty());
        io.wattline.core.plant.Plant plant = new io.wattline.core.plant.Plant("p", Plant.ZONE,
                List.of(new Site("s", "厂")), List.of(new Area("w", "车间", "s")),
                List.of(new ProductionLine("l1", "线1", "w")), List.of(), List.of(), List.of(), List.of(m),
                Plant.SHIFTS, Optional.of(tariff));
        return new AccountingService(plant, List.of(new MeteredPoint("m", POINT, Quantity.ACTIVE_ENERGY_IMPORT,
                100_000)), List.of(), store.reader(), tariff,
                EnergyFactors.gbt2589Defaults(), Map.of());
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    private static ConsumptionQuery query(ReadPath path, boolean demand) {
        return new ConsumptionQuery("line", Plant.at("2026-03-02T06:00"), Plant.at("2026-03-02T15:00"), "shift",
                null, path, demand);
    }

    @ParameterizedTest
    @EnumSource(ReadPath.class)
    void shiftsCostAndFlagsByHand(ReadPath path) {
        ConsumptionReport r = service.report(query(path, false));
        assertEquals(path == ReadPath.RAW ? Resolution.RAW : Resolution.ONE_HOUR, r.readResolution());
        assertEquals(2, r.rows().size());
        ConsumptionReport.Row morning = r.rows().get(0);
        ConsumptionReport.Row afternoon = r.rows().get(1);
        // morning 06-14: 8 h × 40 = 320 kWh, across the wrap at 07:30
        assertEquals("2026-03-02 morning", morning.periodLabel());
        assertEquals(320, morning.value(), 1e-6);
        // valley 06-08 80 × 0.23 = 18.4; flat 08-10 80 × 0.60 = 48; peak 10-12 80 × 1.02 = 81.6; flat 12-14 48
        assertEquals(18.4 + 48 + 81.6 + 48, morning.cost(), 1e-6);
        assertEquals(160, morning.bands().stream().filter(b -> b.band() == TariffBand.FLAT).findFirst().orElseThrow()
                .energyKwh(), 1e-6);
        assertEquals(1, morning.flags().rollovers());
        // the gap 13:30-14:10: 30 min in the morning, 10 min in the afternoon
        assertEquals(1800, morning.flags().gapSecondsInterpolated());
        assertEquals(600, afternoon.flags().gapSecondsInterpolated());
        // afternoon 14-15 (clipped): 40 kWh at peak 1.02 = 40.8
        assertEquals(40, afternoon.value(), 1e-6);
        assertEquals(40.8, afternoon.cost(), 1e-6);
        assertEquals("B", afternoon.crew(), "2026-03-02 is day 0 of the rotation: A, B, C");
        // 360 kWh × 0.1229 = 44.244 kgce = 0.044244 tce
        assertEquals(0.044244, r.totalTce(), 1e-9);
        assertEquals(0, r.reconciliation().rowsVsSite().get(0).difference(), 1e-9);
    }

    @Test
    void demandReadsFifteenMinuteRollupsAndFindsTheSteadyLoad() {
        ConsumptionReport r = service.report(query(ReadPath.ROLLUP, true));
        assertEquals(Resolution.FIFTEEN_MINUTES, r.readResolution());
        ConsumptionReport.Demand d = r.demand().get(0);
        // 10 kWh per 15 min = 40 kW in every block
        assertEquals(40, d.maxKw(), 1e-6);
        assertEquals("m", d.contributors().get(0).nodeId());
        assertFalse(d.partial(), "readings cover the peak block to its end");
    }

    @Test
    void aPeakInTheBlockStillInProgressIsFlaggedPartial(@TempDir Path own) {
        // readings every 15 min at +10 kWh from 13:00 to 15:00, then 15:05 at +20 kWh and nothing since
        // (the block 15:00-15:15 is in progress): that block holds 20 kWh so far = 80 kW, the month's peak
        // until now, and it is flagged partial because no reading reaches 15:15.
        try (Historian store = Historian.open(own, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty())) {
            Instant start = Plant.at("2026-03-02T13:00");
            for (int q = 0; q <= 8; q++) {
                store.writer().offer(Sample.good(POINT, start.plus(Duration.ofMinutes(15L * q)), 500 + 10 * q));
            }
            store.writer().offer(Sample.good(POINT, Plant.at("2026-03-02T15:05"), 600));
            store.writer().flush();
            store.rollUpNow();
            ConsumptionReport r = serviceOver(store).report(new ConsumptionQuery("line", Plant.at("2026-03-02T13:00"),
                    Plant.at("2026-03-02T15:15"), "day", null, ReadPath.RAW, true));
            ConsumptionReport.Demand d = r.demand().get(0);
            assertEquals(80, d.maxKw(), 1e-6);
            assertEquals(Plant.at("2026-03-02T15:00"), d.blockStart());
            assertTrue(d.partial());
        }
    }

    @Test
    void rangeOffTheHourReadsMinuteRollups() {
        ConsumptionQuery q = new ConsumptionQuery("meter", Plant.at("2026-03-02T06:07"), Plant.at("2026-03-02T07:00"),
                "day", EnergyCarrier.ELECTRICITY, ReadPath.ROLLUP, false);
        ConsumptionReport r = service.report(q);
        assertEquals(Resolution.ONE_MINUTE, r.readResolution());
        // 53 min × 40/60 = 35.333 kWh
        assertEquals(53 * 40.0 / 60, r.rows().get(0).value(), 1e-6);
        assertTrue(r.rows().get(0).flags().clean());
    }
}
