package io.wattline.analytics.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.Plant;
import io.wattline.analytics.service.AccountedEnergyFigures;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.EnergyCarrier;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy figures the alarm engine reads, over the hand-computed readings of {@link KpiFixture}
 * in a real DuckDB historian: the same numbers the accounting reports give.
 */
class AccountedEnergyFiguresTest {

    @TempDir
    static Path data;

    private static KpiFixture fixture;
    private static EnergyFigures figures;

    @BeforeAll
    static void start() {
        fixture = KpiFixture.create(data.resolve("historian"));
        figures = new AccountedEnergyFigures(fixture.accounting,
                fixture.kpis(new ProductionLog(data.resolve(ProductionLog.FILE_NAME))));
    }

    @AfterAll
    static void close() {
        fixture.historian.close();
    }

    @Test
    void aMetersConsumptionFromItsCounter() {
        // Mar 2: line 1 used 250 kWh; the main meter 250 + 10 × 24 + 3 × 24 + 5 × 24 = 682 kWh
        assertEquals(250, figures.meterConsumption("l1-power", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00")).getAsDouble(), 1e-6);
        assertEquals(682, figures.meterConsumption("main", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00")).getAsDouble(), 1e-6);
        assertTrue(figures.meterConsumption("l1-power", Plant.at("2026-03-20T00:00"), Plant.at("2026-03-21T00:00"))
                .isEmpty(), "no readings: no figure");
        assertTrue(figures.meterConsumption("temp", Plant.at("2026-03-02T00:00"), Plant.at("2026-03-03T00:00"))
                .isEmpty(), "not an energy meter");
    }

    @Test
    void aLinesConsumptionIncludingMetersOnItsEquipment() {
        // line 2 is metered only through its press: 10 kWh an hour; line 1 on Mar 2: 250 / 24 an hour
        assertEquals(120, figures.groupConsumption(EnergyFigures.Group.LINE, "l2", EnergyCarrier.ELECTRICITY,
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-02T12:00")).getAsDouble(), 1e-6);
        assertEquals(125, figures.groupConsumption(EnergyFigures.Group.LINE, "l1", EnergyCarrier.ELECTRICITY,
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-02T12:00")).getAsDouble(), 1e-6);
        assertTrue(figures.groupConsumption(EnergyFigures.Group.LINE, "l1", EnergyCarrier.WATER,
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-02T12:00")).isEmpty(), "no water metered there");
        assertTrue(figures.groupConsumption(EnergyFigures.Group.COST_CENTRE, "cc9", EnergyCarrier.ELECTRICITY,
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-02T12:00")).isEmpty());
    }

    @Test
    void theBaselineDeviationOfTheKpiReport() {
        // as LineKpisTest: Mar 7 and 8 used 730 kWh where the baseline of Mar 2..6 expects 700
        EnergyFigures.BaselineFigure f = figures.baseline("l1", EnergyCarrier.ELECTRICITY, "day",
                Plant.at("2026-03-02T00:00"), Plant.at("2026-03-07T00:00"), Plant.at("2026-03-07T00:00"),
                Plant.at("2026-03-09T00:00")).orElseThrow();
        assertEquals(730, f.actual(), 1e-6);
        assertEquals(700, f.expected(), 1e-6);
        assertEquals(100.0 * 30 / 700, f.percent(), 1e-6);
        assertEquals("kWh", f.unit());
        assertTrue(figures.baseline("l1", EnergyCarrier.ELECTRICITY, "day", Plant.at("2026-03-02T00:00"),
                Plant.at("2026-03-03T00:00"), Plant.at("2026-03-07T00:00"), Plant.at("2026-03-09T00:00")).isEmpty(),
                "one day of history cannot be fitted: no figure");
    }
}
