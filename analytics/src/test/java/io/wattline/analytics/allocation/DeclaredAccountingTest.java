package io.wattline.analytics.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.core.PointId;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.MeterEvent;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.VirtualMeter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredAccountingTest {

    @Test
    void configurationBecomesFormulaNodesAndCounterEvents() {
        Instant t1 = Instant.parse("2026-03-02T04:00:00Z");
        Instant t0 = Instant.parse("2026-03-01T04:00:00Z");
        Plant plant = new Plant("p", ZoneId.of("UTC"), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, null,
                List.of(new MeterEvent("m1", "energy", t1, MeterEvent.Kind.REPLACEMENT, 1062, 5, "new CT"),
                        new MeterEvent("m1", "energy", t0, MeterEvent.Kind.RESET, 900, 0, null)),
                List.of(new VirtualMeter("v", "V", EnergyCarrier.WATER, "a - b",
                        List.of(new VirtualMeter.Term("a", 1), new VirtualMeter.Term("b", -1)))));

        AccountingNode v = DeclaredAccounting.virtualMeters(plant).get(0);
        assertEquals(AccountingNode.Kind.FORMULA, v.kind());
        assertEquals(EnergyCarrier.WATER, v.carrier());
        assertEquals(List.of(MeterTerm.plus("a"), MeterTerm.minus("b")), v.terms());

        Map<PointId, List<CounterEvent>> events = DeclaredAccounting.counterEvents(plant);
        assertEquals(List.of(new CounterEvent(t0, CounterEvent.Kind.RESET, 900, 0),
                new CounterEvent(t1, CounterEvent.Kind.REPLACEMENT, 1062, 5)), events.get(new PointId("m1", "energy")));
    }
}
