package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.Plant;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.config.ConfigException;
import io.wattline.config.TariffFileLoader;
import io.wattline.core.tariff.TouTariff;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The power-factor block of a monthly report through a real DuckDB historian: one incomer drawing a
 * steady 100 kW and 60 kvar on 2026-03-02 (Asia/Shanghai), read every 15 minutes.
 */
class PowerFactorReportTest {

    @TempDir
    static Path data;

    private static Historian historian;
    private static io.wattline.core.plant.Plant plant;
    private static TouTariff tariff;
    private static final PointId ACTIVE = new PointId("inc", "active_energy_import");
    private static final PointId REACTIVE = new PointId("inc", "reactive_energy_import");
    private static final Instant FROM = Plant.at("2026-03-02T00:00");
    private static final Instant TO = Plant.at("2026-03-03T00:00");

    private static final String TARIFF = """
            id: pf-test
            name: Flat with power-factor adjustment
            region: Nowhere
            currency: CNY
            effective_from: 2026-01-01
            sources: [{ title: "made up for a test", verified: nothing }]
            prices: { per_band: { flat: 0.5 } }
            demand_charge_per_kw_month: 30.0
            seasons:
              - { name: all, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
                  periods: [{ start: "00:00", end: "24:00", band: flat }] }
            power_factor_adjustment:
              standard: 0.90
              basis: "demand + energy charge"
              below_table_percent_per_hundredth: 2.0
              table: [{ pf: 0.91, percent: -0.15 }, { pf: 0.90, percent: 0 }, { pf: 0.89, percent: 0.5 },
                      { pf: 0.88, percent: 1.0 }, { pf: 0.87, percent: 1.5 }, { pf: 0.86, percent: 2.0 }]
            """;

    @BeforeAll
    static void write() throws ConfigException {
        historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        for (int minutes = 0; minutes <= 24 * 60; minutes += 15) {
            Instant t = FROM.plus(Duration.ofMinutes(minutes));
            historian.writer().offer(Sample.good(ACTIVE, t, 5_000 + 100.0 * minutes / 60.0));
            historian.writer().offer(Sample.good(REACTIVE, t, 700 + 60.0 * minutes / 60.0));
        }
        historian.writer().flush();
        historian.rollUpNow();
        Meter incomer = new Meter("inc", "Incomer 进线", "x/y", "c", 1, EnergyCarrier.ELECTRICITY, "w", null, null,
                null, null, Map.of());
        plant = new io.wattline.core.plant.Plant("p", Plant.ZONE, List.of(new Site("s", "厂")),
                List.of(new Area("w", "车间", "s")), List.of(new ProductionLine("l1", "线1", "w")), List.of(),
                List.of(), List.of(), List.of(incomer), Plant.SHIFTS, null);
        tariff = TariffFileLoader.parse("pf-test.yaml", TARIFF);
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    private static AccountingService service(List<MeteredPoint> reactive) {
        return new AccountingService(plant, List.of(new MeteredPoint("inc", ACTIVE, Quantity.ACTIVE_ENERGY_IMPORT, 0)),
                List.of(), historian.reader(), tariff, EnergyFactors.gbt2589Defaults(), Map.of(), reactive);
    }

    private static ConsumptionQuery month(ReadPath path) {
        return new ConsumptionQuery("meter", FROM, TO, "month", null, path, true);
    }

    @Test
    void monthlyPowerFactorFromCountersByHand() {
        for (ReadPath path : ReadPath.values()) {
            ConsumptionReport r = service(List.of(new MeteredPoint("inc", REACTIVE, Quantity.REACTIVE_ENERGY_IMPORT, 0)))
                    .report(month(path));
            assertEquals(1, r.powerFactor().size(), path.toString());
            ConsumptionReport.PowerFactor pf = r.powerFactor().get(0);
            assertEquals("computed", pf.status());
            assertEquals(YearMonth.of(2026, 3), pf.month());
            assertFalse(pf.wholeMonth(), "one day of March");
            // 24 h × 100 kW = 2 400 kWh, 24 h × 60 kvar = 1 440 kvarh
            assertEquals(2_400, pf.activeKwh(), 1e-6);
            assertEquals(1_440, pf.reactiveKvarh(), 1e-6);
            // 2400 / √(2400² + 1440²) = 0.8575 -> 0.86 -> +2 %
            assertEquals(0.8575, pf.powerFactorExact(), 1e-4);
            assertEquals(0.86, pf.powerFactor(), 1e-9);
            assertEquals(2.0, pf.percent(), 1e-9);
            // energy 2 400 × 0.5 = 1 200; demand 100 kW × 30 = 3 000; +2 % of 4 200 = 84
            assertEquals(1_200, pf.energyCharge(), 1e-6);
            assertEquals(3_000, pf.demandCharge(), 1e-6);
            assertEquals(4_200, pf.chargeBase(), 1e-6);
            assertEquals(84, pf.adjustment(), 1e-6);
        }
    }

    @Test
    void unavailableWithoutAReactiveCounter() {
        ConsumptionReport r = service(List.of()).report(month(ReadPath.ROLLUP));
        ConsumptionReport.PowerFactor pf = r.powerFactor().get(0);
        assertEquals("unavailable", pf.status());
        assertTrue(pf.reason().contains("REACTIVE_ENERGY_IMPORT"), pf.reason());
        assertNull(pf.powerFactor());
        assertNull(pf.adjustment());
    }

    @Test
    void onlyForMonthlyReports() {
        ConsumptionQuery day = new ConsumptionQuery("meter", FROM, TO, "day", null, ReadPath.ROLLUP, true);
        assertTrue(service(List.of()).report(day).powerFactor().isEmpty());
        ConsumptionQuery noDemand = new ConsumptionQuery("meter", FROM, TO, "month", null, ReadPath.ROLLUP, false);
        assertTrue(service(List.of()).report(noDemand).powerFactor().isEmpty(), "no 15-minute reads, no demand base");
    }
}
