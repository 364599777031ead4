package io.wattline.analytics.allocation;

import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.core.PointId;
import io.wattline.core.plant.MeterEvent;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.VirtualMeter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plant configuration declares for accounting, in the form {@code AccountingService}
 * takes: virtual meters as formula nodes, and meter resets and replacements as counter events.
 */
public final class DeclaredAccounting {

    private DeclaredAccounting() {
    }

    /**
     * The configured virtual meters as {@link AccountingNode.Kind#FORMULA} nodes. They restate meters
     * already booked, so they appear under {@code group=meter} only and are left out of totals.
     */
    public static List<AccountingNode> virtualMeters(Plant plant) {
        List<AccountingNode> nodes = new ArrayList<>();
        for (VirtualMeter v : plant.virtualMeters()) {
            List<MeterTerm> terms = v.terms().stream().map(t -> new MeterTerm(t.meterId(), t.sign())).toList();
            nodes.add(new AccountingNode(v.id(), v.name(), AccountingNode.Kind.FORMULA, v.carrier(), terms,
                    null, null, null, null, null));
        }
        return nodes;
    }

    /** The configured resets and replacements per counter point, in time order. */
    public static Map<PointId, List<CounterEvent>> counterEvents(Plant plant) {
        Map<PointId, List<CounterEvent>> events = new LinkedHashMap<>();
        for (MeterEvent e : plant.meterEvents()) {
            CounterEvent.Kind kind = switch (e.kind()) {
                case RESET -> CounterEvent.Kind.RESET;
                case REPLACEMENT -> CounterEvent.Kind.REPLACEMENT;
            };
            events.computeIfAbsent(new PointId(e.meterId(), e.point()), k -> new ArrayList<>())
                    .add(new CounterEvent(e.time(), kind, e.oldFinal(), e.newInitial()));
        }
        return events;
    }
}
