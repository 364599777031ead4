package io.wattline.analytics.service;

import io.wattline.analytics.allocation.PlantAllocation;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.period.ProductionDay;
import io.wattline.analytics.period.ShiftPeriods;
import io.wattline.analytics.period.ShiftSlice;
import io.wattline.analytics.service.ConsumptionReport.DayCheck;
import io.wattline.analytics.service.ConsumptionReport.Row;
import io.wattline.analytics.service.ConsumptionReport.TotalCheck;
import io.wattline.analytics.service.ConsumptionReport.TreeCheck;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the reconciliation block: Σ children vs parent, Σ shifts vs production day, Σ rows vs root meters. */
final class Reconciliation {

    private final PlantAllocation allocation;
    private final Map<String, UnwrappedCounter> counters;
    private final Map<String, MeteredPoint> points;
    private final Plant plant;
    private final ZoneId zone;

    Reconciliation(PlantAllocation allocation, Map<String, UnwrappedCounter> counters, Map<String, MeteredPoint> points,
            Plant plant, ZoneId zone) {
        this.allocation = allocation;
        this.counters = counters;
        this.points = points;
        this.plant = plant;
        this.zone = zone;
    }

    ConsumptionReport.Reconciliation build(ConsumptionQuery q, List<Row> rows) {
        List<TreeCheck> tree = new ArrayList<>();
        for (Map.Entry<String, List<Meter>> e : allocation.children().entrySet()) {
            if (!counters.containsKey(e.getKey())) {
                continue;
            }
            double parent = delta(e.getKey(), q.from(), q.to());
            double children = e.getValue().stream().mapToDouble(m -> delta(m.id(), q.from(), q.to())).sum();
            Meter p = plant.meter(e.getKey()).orElseThrow();
            tree.add(new TreeCheck(p.id(), p.carrier(), points.get(p.id()).unit(), parent, children, parent - children,
                    parent == 0 ? null : 100.0 * (parent - children) / parent));
        }
        List<Meter> roots = allocation.rootMeters().stream().filter(m -> counters.containsKey(m.id())).toList();
        Map<String, List<Meter>> rootsByCarrier = new LinkedHashMap<>();
        roots.forEach(m -> rootsByCarrier.computeIfAbsent(m.carrier() + "|" + points.get(m.id()).unit(),
                k -> new ArrayList<>()).add(m));
        List<DayCheck> days = new ArrayList<>();
        for (ProductionDay day : ShiftPeriods.productionDays(plant.shiftCalendar(), zone, q.from(), q.to())) {
            for (List<Meter> same : rootsByCarrier.values()) {
                double whole = same.stream().mapToDouble(m -> delta(m.id(), day.start(), day.end())).sum();
                double shifts = 0;
                for (ShiftSlice s : day.shifts()) {
                    shifts += same.stream().mapToDouble(m -> delta(m.id(), s.start(), s.end())).sum();
                }
                days.add(new DayCheck(day.day(), same.get(0).carrier(), points.get(same.get(0).id()).unit(), whole,
                        shifts, shifts - whole));
            }
        }
        List<TotalCheck> totals = new ArrayList<>();
        for (List<Meter> same : rootsByCarrier.values()) {
            String unit = points.get(same.get(0).id()).unit();
            double root = same.stream().mapToDouble(m -> delta(m.id(), q.from(), q.to())).sum();
            double sum = rows.stream().filter(Row::booked)
                    .filter(r -> r.carrier() == same.get(0).carrier() && r.unit().equals(unit))
                    .mapToDouble(Row::value).sum();
            totals.add(new TotalCheck(same.get(0).carrier(), unit, sum, root, sum - root));
        }
        return new ConsumptionReport.Reconciliation(tree, days, totals);
    }

    private double delta(String meterId, Instant from, Instant to) {
        return counters.get(meterId).consumption(from, to).value();
    }
}
