package io.wattline.analytics.tariff;

import static io.wattline.analytics.Plant.ZONE;
import static io.wattline.analytics.Plant.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.analytics.consumption.CounterReading;
import io.wattline.analytics.consumption.CounterSettings;
import io.wattline.analytics.consumption.CounterUnwrapper;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.config.TariffFileLoader;
import io.wattline.core.tariff.BandInterval;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TouTariff;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TariffCostCalculatorTest {

    private static final double EPS = 1e-9;
    private static final TouTariff GUANGDONG = TariffFileLoader.bundled("guangdong-2021");

    private static UnwrappedCounter counter(CounterReading... readings) {
        return new CounterUnwrapper(CounterSettings.wrappingAt(0)).unwrap(List.of(readings), List.of());
    }

    private static Map<TariffBand, BandCost> byBand(CostBreakdown cost) {
        return cost.bands().stream().collect(Collectors.toMap(BandCost::band, b -> b));
    }

    // Band change in the middle of a 15-minute interval: Guangdong, 2026-03-10 (not a critical-peak
    // month), valley until 08:00 then flat. Readings 07:50 200.0 and 08:05 215.0 (1 kWh/min), so
    // C(08:00) = 210.0. Valley energy 210 − 200 = 10 kWh at 0.65 × 0.38 = 0.247 CNY = 2.47 CNY;
    // flat energy 215 − 210 = 5 kWh at 0.65 CNY = 3.25 CNY. Total 15 kWh, 5.72 CNY.
    @Test
    void bandChangeInsideAReadingIntervalIsInterpolated() {
        UnwrappedCounter c = counter(new CounterReading(at("2026-03-10T07:50"), 200.0),
                new CounterReading(at("2026-03-10T08:05"), 215.0));
        CostBreakdown cost = new TariffCostCalculator(GUANGDONG, ZONE).cost(c, at("2026-03-10T07:50"),
                at("2026-03-10T08:05"));
        Map<TariffBand, BandCost> bands = byBand(cost);
        assertEquals(2, bands.size());
        assertEquals(10.0, bands.get(TariffBand.VALLEY).energyKwh(), EPS);
        assertEquals(0.247, bands.get(TariffBand.VALLEY).pricePerKwh(), EPS);
        assertEquals(2.47, bands.get(TariffBand.VALLEY).cost(), EPS);
        assertEquals(5.0, bands.get(TariffBand.FLAT).energyKwh(), EPS);
        assertEquals(3.25, bands.get(TariffBand.FLAT).cost(), EPS);
        assertEquals(15.0, cost.energyKwh(), EPS);
        assertEquals(5.72, cost.cost(), EPS);
        assertEquals("CNY", cost.currency());
    }

    // Critical peak in July: 2026-07-15, readings 10:30 0.0 and 11:30 60.0 (1 kWh/min).
    // Peak [10:30, 11:00) 30 kWh × 1.105 (0.65 × 1.7) = 33.15; critical peak [11:00, 11:30)
    // 30 kWh × 1.38125 (0.65 × 1.7 × 1.25) = 41.4375. Total 74.5875 CNY.
    // The same hour in March is all peak: 60 × 1.105 = 66.3 CNY.
    @ParameterizedTest
    @CsvSource({
            "2026-07-15, 30.0, 30.0, 74.5875",
            "2026-03-15, 60.0,  0.0, 66.3",
    })
    void criticalPeakAppliesInItsMonthsOnly(String day, double peakKwh, double criticalKwh, double cny) {
        UnwrappedCounter c = counter(new CounterReading(at(day + "T10:30"), 0.0),
                new CounterReading(at(day + "T11:30"), 60.0));
        CostBreakdown cost = new TariffCostCalculator(GUANGDONG, ZONE).cost(c, at(day + "T10:30"), at(day + "T11:30"));
        Map<TariffBand, BandCost> bands = byBand(cost);
        assertEquals(peakKwh, bands.get(TariffBand.PEAK).energyKwh(), EPS);
        assertEquals(criticalKwh, bands.containsKey(TariffBand.CRITICAL_PEAK)
                ? bands.get(TariffBand.CRITICAL_PEAK).energyKwh() : 0.0, EPS);
        assertEquals(cny, cost.cost(), EPS);
    }

    @ParameterizedTest
    @CsvSource({
            // local time,       band (Guangdong)
            "2026-03-10T00:00, VALLEY",
            "2026-03-10T07:59, VALLEY",
            "2026-03-10T08:00, FLAT",
            "2026-03-10T10:00, PEAK",
            "2026-03-10T11:30, PEAK",
            "2026-08-10T11:30, CRITICAL_PEAK",
            "2026-08-10T16:59, CRITICAL_PEAK",
            "2026-08-10T17:00, PEAK",
            "2026-03-10T12:00, FLAT",
            "2026-03-10T18:59, PEAK",
            "2026-03-10T19:00, FLAT",
            "2026-03-10T23:59, FLAT",
    })
    void guangdongBands(String local, TariffBand expected) {
        assertEquals(expected, bandAt(GUANGDONG, local));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-10T06:59, VALLEY",
            "2026-03-10T07:00, FLAT",
            "2026-03-10T16:00, PEAK",
            "2026-03-10T22:00, FLAT",
            "2026-03-10T23:00, VALLEY",
            "2026-07-10T16:00, CRITICAL_PEAK",
            "2026-12-10T20:00, CRITICAL_PEAK",
            "2026-12-10T16:00, PEAK",
            "2026-01-10T23:30, VALLEY",
    })
    void sichuanBands(String local, TariffBand expected) {
        assertEquals(expected, bandAt(TariffFileLoader.bundled("sichuan-2023"), local));
    }

    private static TariffBand bandAt(TouTariff tariff, String local) {
        var start = LocalDateTime.parse(local).atZone(ZONE).toInstant();
        List<BandInterval> intervals = tariff.bandIntervals(start, start.plusSeconds(1), ZONE);
        assertEquals(1, intervals.size());
        return intervals.get(0).band();
    }

    @Test
    void bandIntervalsTileTheRangeAndMergeAcrossMidnight() {
        // Sichuan valley 23:00-07:00 crosses midnight: one merged interval.
        TouTariff sichuan = TariffFileLoader.bundled("sichuan-2023");
        List<BandInterval> intervals = sichuan.bandIntervals(at("2026-03-10T22:00"), at("2026-03-11T08:00"), ZONE);
        assertEquals(List.of(new BandInterval(TariffBand.FLAT, at("2026-03-10T22:00"), at("2026-03-10T23:00")),
                new BandInterval(TariffBand.VALLEY, at("2026-03-10T23:00"), at("2026-03-11T07:00")),
                new BandInterval(TariffBand.FLAT, at("2026-03-11T07:00"), at("2026-03-11T08:00"))), intervals);
    }

    @Test
    void demandChargeOfTheTwoPartTariff() {
        // 850 kW maximum × 32 CNY/kW·month (illustrative) = 27 200 CNY.
        assertEquals(27_200.0, GUANGDONG.demandCharge(850.0).orElseThrow(), EPS);
    }
}
