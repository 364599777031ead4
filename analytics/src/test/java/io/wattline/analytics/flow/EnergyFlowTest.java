package io.wattline.analytics.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.analytics.consumption.ConsumptionFlags;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import io.wattline.historian.Resolution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnergyFlowTest {

    private static final Instant FROM = Instant.parse("2026-12-01T16:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-02T16:00:00Z");

    private static ConsumptionReport.Row row(String group, EnergyCarrier carrier, double value) {
        return new ConsumptionReport.Row(group, group + " name", "2026-12-02", FROM, TO, null, carrier,
                carrier.name().equals("ELECTRICITY") ? "kWh" : "m3", value, null, null, List.of(), null, true,
                ConsumptionFlags.CLEAN);
    }

    private static ConsumptionReport report(String group, List<ConsumptionReport.Row> rows, double total, double loss) {
        // By hand: main incomer 100 kWh; lines 40 + 30; the rest (20 metered + 10 loss) books to no line.
        return new ConsumptionReport("Plant", "Asia/Shanghai", group, "day", FROM, TO, Resolution.FIFTEEN_MINUTES, "CNY",
                rows, List.of(new ConsumptionReport.Total(EnergyCarrier.ELECTRICITY, "kWh", total, null, null, List.of(), null)),
                0, 0, List.of(),
                new ConsumptionReport.Reconciliation(List.of(new ConsumptionReport.TreeCheck("main", EnergyCarrier.ELECTRICITY,
                        "kWh", total, total - loss, loss, null)), List.of(), List.of()),
                List.of(), List.of());
    }

    @Test
    void linesUnassignedAndLossAddUpToTheSiteTotal() {
        ConsumptionReport r = report("line", List.of(row("line1", EnergyCarrier.ELECTRICITY, 40),
                row("line2", EnergyCarrier.ELECTRICITY, 30), row("-", EnergyCarrier.ELECTRICITY, 30),
                row("line1", EnergyCarrier.WATER, 5)), 100, 10);
        EnergyFlow flow = EnergyFlow.of(r, EnergyCarrier.ELECTRICITY);
        Map<String, Double> out = flow.links().stream().filter(l -> l.source().equals("site"))
                .collect(Collectors.toMap(EnergyFlow.Link::target, EnergyFlow.Link::value));
        assertEquals(Map.of("line:line1", 40.0, "line:line2", 30.0, "unassigned", 20.0, "loss", 10.0), out);
        assertEquals(100.0, flow.links().get(0).value(), "carrier -> site is the report's total");
        assertEquals(100.0, out.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals("kWh", flow.unit());
    }

    @Test
    void aNegativeLossIsNoFlow() {
        ConsumptionReport r = report("line", List.of(row("line1", EnergyCarrier.ELECTRICITY, 60),
                row("-", EnergyCarrier.ELECTRICITY, 5)), 65, -3);
        EnergyFlow flow = EnergyFlow.of(r, EnergyCarrier.ELECTRICITY);
        assertEquals(List.of("carrier", "site", "line:line1", "unassigned"),
                flow.nodes().stream().map(EnergyFlow.Node::id).toList());
    }

    @Test
    void onlyAReportByLineMakesAFlow() {
        ConsumptionReport r = report("meter", List.of(), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> EnergyFlow.of(r, EnergyCarrier.ELECTRICITY));
    }

    @Test
    void downThePlantTreeEveryLevelIsItsReportsRowsAndTheRestsAddUp() {
        // By hand: site 100 kWh = area "shop" 70 + unassigned 20 + loss 10; shop 70 = line1 40 + line2 30;
        // line1 40 = press 25 + its own rest 15; line2 has no metered equipment: no rest node under it.
        Plant plant = new Plant("Plant", java.time.ZoneId.of("Asia/Shanghai"), List.of(new Site("s", "Site")),
                List.of(new Area("shop", "Shop", "s")),
                List.of(new ProductionLine("line1", "Line 1", "shop"), new ProductionLine("line2", "Line 2", "shop")),
                List.of(new Equipment("press", "Press", "shop", "line1")), List.of(), List.of(), List.of(), null,
                java.util.Optional.empty());
        ConsumptionReport byLine = report("line", List.of(row("line1", EnergyCarrier.ELECTRICITY, 40),
                row("line2", EnergyCarrier.ELECTRICITY, 30), row("-", EnergyCarrier.ELECTRICITY, 30)), 100, 10);
        ConsumptionReport byArea = report("area", List.of(row("shop", EnergyCarrier.ELECTRICITY, 70),
                row("-", EnergyCarrier.ELECTRICITY, 30)), 100, 10);
        ConsumptionReport byEquipment = report("equipment", List.of(row("press", EnergyCarrier.ELECTRICITY, 25),
                row("-", EnergyCarrier.ELECTRICITY, 75)), 100, 10);
        EnergyFlow flow = EnergyFlow.of(plant, byArea, byLine, byEquipment, EnergyCarrier.ELECTRICITY);
        Map<String, Double> links = flow.links().stream()
                .collect(Collectors.toMap(l -> l.source() + ">" + l.target(), EnergyFlow.Link::value));
        assertEquals(Map.of("carrier>site", 100.0, "site>area:shop", 70.0, "area:shop>line:line1", 40.0,
                "area:shop>line:line2", 30.0, "line:line1>equipment:press", 25.0, "line:line1>rest:line:line1", 15.0,
                "site>unassigned", 20.0, "site>loss", 10.0), links);
        assertEquals(flow.nodes().size(), flow.nodes().stream().map(EnergyFlow.Node::id).distinct().count(),
                "every node once");
        assertThrows(IllegalArgumentException.class,
                () -> EnergyFlow.of(plant, byLine, byLine, byEquipment, EnergyCarrier.ELECTRICITY));
    }
}
