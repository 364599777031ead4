package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.allocation.AccountingNode;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.allocation.MeterTerm;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.historian.Resolution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof against the simulator's own truth: over a simulated day of the demo plant,
 * per-line (and per-meter, per-loss) energy from the counters stored in a real DuckDB historian
 * equals the model's integrated truth within 0.1 %, on the rollup path and the raw path alike.
 */
class DemoDayAccountingTest {

    @TempDir
    static Path data;

    private static DemoDay day;
    private static AccountingService service;

    @BeforeAll
    static void simulate() throws Exception {
        day = DemoDay.simulate(data);
        service = new AccountingService(day.plant, day.points, List.of(), day.historian.reader(),
                day.plant.tariff().orElseThrow(), EnergyFactors.gbt2589Defaults(), Map.of());
    }

    @AfterAll
    static void close() {
        day.historian.close();
    }

    private static ConsumptionReport report(String group, String period, ReadPath path) {
        return service.report(new ConsumptionQuery(group, day.start, day.end, period, null, path, true));
    }

    private static double truth(AccountingNode node) {
        return node.terms().stream().mapToDouble(t -> t.sign() * day.truthDelta(t.meterId())).sum();
    }

    @Test
    void perLineEnergyEqualsTheSimulatorsTruthWithinOneThousandth() {
        ConsumptionReport report = report("line", "day", ReadPath.ROLLUP);
        assertEquals(Resolution.FIFTEEN_MINUTES, report.readResolution());
        int checked = 0;
        for (ConsumptionReport.Row row : report.rows()) {
            double expected = service.allocation().bookedNodes().stream()
                    .filter(n -> Objects.equals(n.lineId(), row.groupId().equals("-") ? null : row.groupId()))
                    .filter(n -> n.carrier() == row.carrier())
                    .mapToDouble(DemoDayAccountingTest::truth).sum();
            assertTrue(expected > 0, row.groupId() + " " + row.carrier() + " has no truth");
            assertEquals(expected, row.value(), expected * 0.001, row.groupId() + " " + row.carrier());
            assertTrue(row.flags().clean(), row.groupId() + " flags " + row.flags());
            checked++;
        }
        assertTrue(report.rows().stream().anyMatch(r -> r.groupId().equals("line1")
                && r.carrier() == EnergyCarrier.ELECTRICITY));
        assertTrue(report.rows().stream().anyMatch(r -> r.groupId().equals("line2")));
        assertTrue(checked >= 4, "rows checked: " + checked);
    }

    @Test
    void everyMeterAndLossNodeMatchesTheTruth() {
        ConsumptionReport report = report("meter", "day", ReadPath.ROLLUP);
        for (AccountingNode node : service.allocation().nodes()) {
            ConsumptionReport.Row row = report.rows().stream().filter(r -> r.groupId().equals(node.id())).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + node.id()));
            double expected = truth(node);
            assertEquals(expected, row.value(), Math.abs(expected) * 0.001, node.id());
        }
        ConsumptionReport.Row loss = report.rows().stream().filter(r -> r.groupId().equals("loss:main-incomer"))
                .findFirst().orElseThrow();
        assertTrue(loss.value() > 0, "the main incomer sees more than its sub-meters");
    }

    @Test
    void rollupPathGivesTheRawPathsFigures() {
        ConsumptionReport rollup = report("line", "shift", ReadPath.ROLLUP);
        ConsumptionReport raw = report("line", "shift", ReadPath.RAW);
        assertEquals(Resolution.RAW, raw.readResolution());
        assertEquals(raw.rows().size(), rollup.rows().size());
        for (int i = 0; i < raw.rows().size(); i++) {
            ConsumptionReport.Row a = raw.rows().get(i);
            ConsumptionReport.Row b = rollup.rows().get(i);
            assertEquals(a.value(), b.value(), 1e-6 * Math.max(1, Math.abs(a.value())), a.groupId() + " " + a.periodLabel());
            assertEquals(a.cost() == null, b.cost() == null);
            if (a.cost() != null) {
                assertEquals(a.cost(), b.cost(), 1e-6 * Math.max(1, a.cost()));
            }
        }
    }

    @Test
    void figuresReconcile() {
        ConsumptionReport byShift = report("line", "shift", ReadPath.ROLLUP);
        ConsumptionReport byDay = report("line", "day", ReadPath.ROLLUP);
        for (ConsumptionReport.Total total : byDay.totals()) {
            double shifts = byShift.totals().stream().filter(t -> t.carrier() == total.carrier())
                    .mapToDouble(ConsumptionReport.Total::value).sum();
            assertEquals(total.value(), shifts, 1e-6 * total.value(), total.carrier() + ": Σ shifts vs day");
        }
        ConsumptionReport.Reconciliation rec = byDay.reconciliation();
        assertFalse(rec.rowsVsSite().isEmpty());
        rec.rowsVsSite().forEach(c -> assertEquals(c.rootMeters(), c.rowsSum(), 1e-6 * Math.max(1, c.rootMeters()),
                c.carrier() + ": Σ rows vs root meters"));
        assertFalse(rec.shiftsVsDay().isEmpty());
        rec.shiftsVsDay().forEach(c -> assertEquals(0, c.difference(), 1e-6 * Math.max(1, c.day()),
                c.productionDay() + " " + c.carrier()));
        ConsumptionReport.TreeCheck electric = rec.childrenVsParent().stream()
                .filter(t -> t.parentMeterId().equals("main-incomer")).findFirst().orElseThrow();
        double truthLoss = day.truthDelta("main-incomer") - List.of("line1-power", "line2-power", "compressor-power",
                "boiler-aux-power").stream().mapToDouble(day::truthDelta).sum();
        assertEquals(truthLoss, electric.loss(), Math.abs(truthLoss) * 0.001 + 0.01);
        assertEquals(electric.parent(), electric.childrenSum() + electric.loss(), 1e-9 * electric.parent());
        // cost: Σ bands = cost, and the electricity total is priced
        ConsumptionReport.Total power = byDay.totals().stream().filter(t -> t.carrier() == EnergyCarrier.ELECTRICITY)
                .findFirst().orElseThrow();
        assertEquals(power.cost(), power.bands().stream().mapToDouble(ConsumptionReport.Band::cost).sum(),
                1e-9 * power.cost());
        assertEquals(power.value(), power.bands().stream().mapToDouble(ConsumptionReport.Band::energyKwh).sum(),
                1e-9 * power.value());
        assertTrue(byDay.totalTce() > 0);
        assertFalse(byDay.demand().isEmpty());
    }

    @Test
    void lossNodesAreDerivedFromTheMeterTree() {
        List<String> losses = service.allocation().nodes().stream()
                .filter(n -> n.kind() == AccountingNode.Kind.LOSS).map(AccountingNode::id).toList();
        assertEquals(List.of("loss:main-incomer", "loss:water-main"), losses);
        AccountingNode main = service.allocation().nodes().get(0);
        assertEquals(List.of(MeterTerm.plus("main-incomer"), MeterTerm.minus("line1-power"),
                MeterTerm.minus("line2-power"), MeterTerm.minus("compressor-power"),
                MeterTerm.minus("boiler-aux-power")), main.terms());
    }
}
