package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.Plant;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Site;
import io.wattline.core.tariff.CarrierPrice;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TariffPeriod;
import io.wattline.core.tariff.TariffSeason;
import io.wattline.core.tariff.TariffSource;
import io.wattline.core.tariff.TouTariff;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Carriers other than electricity are costed at the tariff's price per unit of their counter, by
 * hand: water 12 m3/h and steam 0.5 t/h for 10 h; gas read in m3 with no gas price stays unpriced.
 */
class CarrierCostTest {

    @TempDir
    static Path data;

    private static Historian historian;
    private static AccountingService service;

    @BeforeAll
    static void write() {
        historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        Instant start = Plant.at("2026-03-02T08:00");
        for (int h = 0; h <= 10; h++) {
            Instant t = start.plus(Duration.ofHours(h));
            historian.writer().offer(Sample.good(new PointId("water", "volume"), t, 1000 + 12.0 * h));
            historian.writer().offer(Sample.good(new PointId("steam", "mass"), t, 50 + 0.5 * h));
            historian.writer().offer(Sample.good(new PointId("gas", "volume"), t, 7 + 3.0 * h));
        }
        historian.writer().flush();
        historian.rollUpNow();
        TouTariff tariff = new TouTariff("t", "t", "test", "CNY", LocalDate.of(2000, 1, 1),
                List.of(new TariffSource("test", null, "hand-made")), true, Map.of(TariffBand.FLAT, 0.6),
                List.of(new TariffSeason("all", EnumSet.allOf(Month.class),
                        List.of(new TariffPeriod(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, TariffBand.FLAT)))),
                Map.of(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
                List.of(new CarrierPrice(EnergyCarrier.WATER, "m3", 4.10), new CarrierPrice(EnergyCarrier.STEAM, "t", 220)));
        List<Meter> meters = List.of(meter("water", EnergyCarrier.WATER, "cc-a"), meter("steam", EnergyCarrier.STEAM, "cc-b"),
                meter("gas", EnergyCarrier.NATURAL_GAS, "cc-b"));
        io.wattline.core.plant.Plant plant = new io.wattline.core.plant.Plant("p", Plant.ZONE,
                List.of(new Site("s", "厂")), List.of(new Area("u", "动力", "s")), List.of(), List.of(), List.of(),
                List.of(), meters, Plant.SHIFTS, Optional.of(tariff));
        service = new AccountingService(plant, List.of(
                new MeteredPoint("water", new PointId("water", "volume"), Quantity.VOLUME, 0),
                new MeteredPoint("steam", new PointId("steam", "mass"), Quantity.MASS, 0),
                new MeteredPoint("gas", new PointId("gas", "volume"), Quantity.VOLUME, 0)), List.of(),
                historian.reader(), tariff, EnergyFactors.gbt2589Defaults(), Map.of());
    }

    private static Meter meter(String id, EnergyCarrier carrier, String costCentre) {
        return new Meter(id, id, "x/y", "c", 1, carrier, "u", null, null, costCentre, null, Map.of());
    }

    @AfterAll
    static void close() {
        historian.close();
    }

    @Test
    void waterAndSteamAreCostedPerUnitAndGasWithoutAPriceIsNot() {
        ConsumptionReport r = service.report(new ConsumptionQuery("costcentre", Plant.at("2026-03-02T08:00"),
                Plant.at("2026-03-02T18:00"), "day", null, ReadPath.ROLLUP, false));
        ConsumptionReport.Row water = row(r, EnergyCarrier.WATER);
        // 10 h × 12 m3/h = 120 m3 × 4.10 CNY/m3 = 492.00 CNY
        assertEquals(120, water.value(), 1e-9);
        assertEquals(492.0, water.cost(), 1e-9);
        assertTrue(water.bands().isEmpty(), "bands are electricity's");
        // 10 h × 0.5 t/h = 5 t × 220 CNY/t = 1100.00 CNY
        assertEquals(1100.0, row(r, EnergyCarrier.STEAM).cost(), 1e-9);
        assertNull(row(r, EnergyCarrier.NATURAL_GAS).cost(), "no gas price in the tariff");
        ConsumptionReport.Total steam = r.totals().stream().filter(t -> t.carrier() == EnergyCarrier.STEAM)
                .findFirst().orElseThrow();
        assertEquals(1100.0, steam.cost(), 1e-9, "totals carry the carrier's cost");
    }

    private static ConsumptionReport.Row row(ConsumptionReport r, EnergyCarrier carrier) {
        return r.rows().stream().filter(x -> x.carrier() == carrier).findFirst().orElseThrow();
    }
}
