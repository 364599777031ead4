package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.consumption.CounterIssue;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A meter's plausibility limit travels from the point catalogue ({@link CataloguedPoint#maxRatePerHour()})
 * through {@link MeteredPoint#of} into the unwrapper that {@link CounterSource} runs, on every path: a
 * 40 kW load read every minute (2/3 kWh a minute) that jumps by 5,000 kWh in one minute (300,000 kW) and
 * stays there books the 4 h of load less the quarantined minute (159.33 kWh) under a 100 kW limit, flagged;
 * without a limit it books the jump (5,160 kWh). A one-reading spike that comes back is excluded.
 */
class PlausibilityLimitSourceTest {

    private static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(4));
    private static final PointId JUMP = new PointId("m1", "active_energy_import");
    private static final PointId SPIKE = new PointId("m2", "active_energy_import");

    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(value = Resolution.class, names = {"RAW", "ONE_MINUTE"})
    void anIncreaseAboveTheMetersLimitIsQuarantinedNotBooked(Resolution resolution) {
        try (Historian historian = store()) {
            CounterSource source = new CounterSource(historian.reader(), Duration.ofMinutes(30), Duration.ofDays(2));
            UnwrappedCounter limited = source.read(MeteredPoint.of(catalogued(JUMP, 100)), FROM, TO, resolution, List.of());
            // the quarantined minute (99 -> 100) counts 0 like an undeclared decrease: 160 kWh less its 2/3 kWh
            assertEquals(160.0 - 40.0 / 60, limited.consumption(FROM, TO).value(), 1e-6, "the jump quarantined");
            assertTrue(limited.issues().stream().anyMatch(i -> i.kind() == CounterIssue.Kind.IMPLAUSIBLE_STEP),
                    limited.issues()::toString);
            assertTrue(limited.consumption(FROM, TO).flags().repairedReadings() > 0, "flagged for finance");

            UnwrappedCounter unlimited = source.read(MeteredPoint.of(catalogued(JUMP, Double.POSITIVE_INFINITY)), FROM,
                    TO, resolution, List.of());
            assertEquals(5160.0, unlimited.consumption(FROM, TO).value(), 1e-6, "without a limit the jump is booked");

            UnwrappedCounter spike = source.read(MeteredPoint.of(catalogued(SPIKE, 100)), FROM, TO, resolution, List.of());
            assertEquals(160.0, spike.consumption(FROM, TO).value(), 1e-6);
        }
    }

    @Test
    void aMeteredPointWithoutALimitHasNone() {
        assertEquals(Double.POSITIVE_INFINITY,
                new MeteredPoint("m", JUMP, Quantity.ACTIVE_ENERGY_IMPORT, 0).maxRatePerHour());
    }

    private Historian store() {
        Historian historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        for (int minute = -30; minute <= 4 * 60 + 30; minute++) {
            Instant t = FROM.plus(Duration.ofMinutes(minute)).plusSeconds(5);
            double load = 1000 + minute * 40.0 / 60;
            historian.writer().offer(Sample.good(JUMP, t, minute >= 100 ? load + 5000 : load));
            // a dropped-in extra digit for one reading (a 20 ms bus error), back to the true level after it
            historian.writer().offer(Sample.good(SPIKE, t, minute == 100 ? load + 5000 : load));
        }
        historian.writer().flush();
        historian.rollUpNow();
        return historian;
    }

    private static CataloguedPoint catalogued(PointId id, double maxRatePerHour) {
        return new CataloguedPoint(id, id.device(), id.device(), null, Quantity.ACTIVE_ENERGY_IMPORT, "kWh",
                EnergyCarrier.ELECTRICITY, 0, Duration.ofMinutes(1), new PlantPlace("s", null, null, null, null),
                "modbus", false, maxRatePerHour);
    }
}
