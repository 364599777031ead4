package io.wattline.analytics.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.core.plant.Area;
import io.wattline.core.plant.CostCentre;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Loss nodes, nested sub-meters, carriers that do not mix, and where each node is booked. */
class PlantAllocationTest {

    static Meter meter(String id, EnergyCarrier carrier, String area, String line, String equipment, String cc,
            String parent) {
        return new Meter(id, id + " 电表", "x/y", "c", 1, carrier, area, line, equipment, cc, parent, Map.of());
    }

    static final Plant PLANT = new Plant("p", ZoneId.of("Asia/Shanghai"), List.of(new Site("s", "厂")),
            List.of(new Area("w", "车间", "s")), List.of(new ProductionLine("l1", "线1", "w")),
            List.of(new Equipment("press", "压机", "w", "l1")), List.of(new CostCentre("cc", "生产部")), List.of(),
            List.of(meter("main", EnergyCarrier.ELECTRICITY, "w", null, null, "cc", null),
                    meter("a", EnergyCarrier.ELECTRICITY, "w", "l1", null, "cc", "main"),
                    meter("a1", EnergyCarrier.ELECTRICITY, null, null, "press", "cc", "a"),
                    meter("b", EnergyCarrier.ELECTRICITY, "w", null, null, null, "main"),
                    meter("water", EnergyCarrier.WATER, "w", "l1", null, "cc", "main"),
                    meter("thermo", EnergyCarrier.NONE, "w", null, null, null, null)),
            null, null);

    @Test
    void lossNodesFromTheTreeAndNothingBookedTwice() {
        PlantAllocation a = new PlantAllocation(PLANT, Set.of("main", "a", "a1", "b", "water", "thermo"), List.of());
        List<AccountingNode> nodes = a.nodes();
        assertEquals(List.of("loss:main", "loss:a", "a1", "b", "water"), nodes.stream().map(AccountingNode::id).toList());
        assertEquals(List.of(MeterTerm.plus("main"), MeterTerm.minus("a"), MeterTerm.minus("b")), nodes.get(0).terms());
        assertEquals(List.of(MeterTerm.plus("a"), MeterTerm.minus("a1")), nodes.get(1).terms());
        // a1 is on equipment 'press', which is on line l1 in area w of site s
        AccountingNode a1 = nodes.get(2);
        assertEquals("l1", a1.lineId());
        assertEquals("w", a1.areaId());
        assertEquals("s", a1.siteId());
        // water's parent has another carrier: it is a root of its own
        assertEquals(List.of("main", "water"), a.rootMeters().stream().map(Meter::id).toList());
        // Σ signs per meter over booked electricity nodes: main +1, a +1 −1, a1 −1 +1, b −1 +1 → only main remains
        Map<String, Integer> net = new java.util.HashMap<>();
        a.bookedNodes().stream().filter(n -> n.carrier() == EnergyCarrier.ELECTRICITY)
                .flatMap(n -> n.terms().stream()).forEach(t -> net.merge(t.meterId(), t.sign(), Integer::sum));
        net.values().removeIf(v -> v == 0);
        assertEquals(Map.of("main", 1), net);
        assertEquals("线1", a.nameOf("line", "l1"));
        assertEquals("生产部", a.nameOf("costcentre", "cc"));
    }

    @Test
    void formulaMetersAreCheckedAndNotBooked() {
        AccountingNode f = new AccountingNode("press-and-b", "压机+b", AccountingNode.Kind.FORMULA,
                EnergyCarrier.ELECTRICITY, List.of(MeterTerm.plus("a1"), MeterTerm.plus("b")), "s", "w", null, null,
                null);
        PlantAllocation a = new PlantAllocation(PLANT, Set.of("main", "a", "a1", "b"), List.of(f));
        assertEquals(5, a.nodes().size());
        assertEquals(4, a.bookedNodes().size());
        AccountingNode bad = new AccountingNode("x", "x", AccountingNode.Kind.FORMULA, EnergyCarrier.ELECTRICITY,
                List.of(MeterTerm.plus("nosuch")), null, null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlantAllocation(PLANT, Set.of("main"), List.of(bad)));
        assertEquals("virtual meter x: unknown meter nosuch", e.getMessage());
    }
}
