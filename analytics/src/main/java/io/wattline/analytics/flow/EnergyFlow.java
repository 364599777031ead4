package io.wattline.analytics.flow;

import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one carrier's energy went over a report's range, as a Sankey graph (能流图): carrier → site
 * total → each line, the metered consumption no line books ("unassigned") and the unmetered loss
 * (parent meters minus their sub-meters) as its own flow. Built from a consumption report grouped by
 * line, so every flow is that report's figure: line flows are its rows, the site is its total.
 *
 * @param nodes every node once, in the order carrier, site, lines, unassigned, loss
 * @param links flows from node id to node id, in the carrier's unit
 */
public record EnergyFlow(EnergyCarrier carrier, String unit, Instant from, Instant to, List<Node> nodes,
        List<Link> links) {

    /**
     * Node ids: {@code carrier}, {@code site}, {@code area:<id>}, {@code line:<id>}, {@code equipment:<id>},
     * {@code rest:<parent node id>} (kind {@code rest}, named after its parent), {@code unassigned}, {@code loss}.
     */
    public record Node(String id, String name, String kind) {
    }

    public record Link(String source, String target, double value) {
    }

    /** The id of the group no line books in a report grouped by line. */
    static final String UNASSIGNED_GROUP = "-";

    /**
     * The flow of {@code carrier} in {@code byLine} (a report with {@code group=line}; rows of several
     * periods of one line are added up). The loss is the Σ of the carrier's parent-vs-children
     * checks (each level's own loss), shown apart from the unassigned rest when that rest holds it.
     *
     * @throws IllegalArgumentException if the report is not grouped by line
     */
    public static EnergyFlow of(ConsumptionReport byLine, EnergyCarrier carrier) {
        if (!"line".equals(byLine.group())) {
            throw new IllegalArgumentException("an energy flow needs a report grouped by line, not by " + byLine.group());
        }
        Map<String, Double> perLine = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        String unit = null;
        for (ConsumptionReport.Row r : byLine.rows()) {
            if (r.carrier() != carrier || !r.booked()) {
                continue;
            }
            unit = r.unit();
            perLine.merge(r.groupId(), r.value(), Double::sum);
            names.put(r.groupId(), r.groupName());
        }
        double total = byLine.totals().stream().filter(x -> x.carrier() == carrier)
                .mapToDouble(ConsumptionReport.Total::value).sum();
        double loss = byLine.reconciliation() == null ? 0 : byLine.reconciliation().childrenVsParent().stream()
                .filter(c -> c.carrier() == carrier).mapToDouble(ConsumptionReport.TreeCheck::loss).sum();
        double unassigned = perLine.getOrDefault(UNASSIGNED_GROUP, 0.0);
        // The loss is booked to no line, so it sits in the unassigned rest; negative loss (sub-meters
        // reading more than their parent) is not a flow: it stays in the rest.
        double shownLoss = loss > 0 && loss <= unassigned + 1e-9 ? loss : 0;
        double rest = unassigned - shownLoss;

        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        nodes.add(new Node("carrier", carrier.name(), "carrier"));
        nodes.add(new Node("site", byLine.plant(), "site"));
        links.add(new Link("carrier", "site", total));
        perLine.forEach((id, value) -> {
            if (!id.equals(UNASSIGNED_GROUP)) {
                nodes.add(new Node("line:" + id, names.get(id), "line"));
                links.add(new Link("site", "line:" + id, value));
            }
        });
        if (rest > 0) {
            nodes.add(new Node("unassigned", names.getOrDefault(UNASSIGNED_GROUP, "unassigned"), "unassigned"));
            links.add(new Link("site", "unassigned", rest));
        }
        if (shownLoss > 0) {
            nodes.add(new Node("loss", "Loss 损耗", "loss"));
            links.add(new Link("site", "loss", shownLoss));
        }
        return new EnergyFlow(carrier, unit == null ? "" : unit, byLine.from(), byLine.to(), List.copyOf(nodes),
                List.copyOf(links));
    }

    /**
     * The flow of {@code carrier} down the plant tree: carrier → site → each area → its lines → their
     * equipment, each figure a row of the report of that grouping (all three over one range). What a
     * node books to none of its children is its own "rest" flow, except the unmetered loss (a parent
     * meter minus its sub-meters), which is its own flow from the node the parent meter sits in; what no
     * area books is the site's "unassigned" flow. Line flows equal {@code byLine}'s rows, area flows
     * {@code byArea}'s, equipment flows {@code byEquipment}'s.
     *
     * @throws IllegalArgumentException if a report is not grouped as its name says
     */
    public static EnergyFlow of(Plant plant, ConsumptionReport byArea, ConsumptionReport byLine,
            ConsumptionReport byEquipment, EnergyCarrier carrier) {
        if (!"area".equals(byArea.group()) || !"line".equals(byLine.group()) || !"equipment".equals(byEquipment.group())) {
            throw new IllegalArgumentException("an energy flow needs reports grouped by area, line and equipment, not by "
                    + byArea.group() + ", " + byLine.group() + " and " + byEquipment.group());
        }
        return new TreeFlow(plant, byArea, byLine, byEquipment, carrier).build();
    }

    /** Builds the flow down the plant tree, node by node. */
    private static final class TreeFlow {
        private final Plant plant;
        private final ConsumptionReport byLine;
        private final EnergyCarrier carrier;
        private final Map<String, Double> perArea;
        private final Map<String, Double> perLine;
        private final Map<String, Double> perEquipment;
        private final Map<String, Double> lossAt = new TreeMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        private String unit;

        TreeFlow(Plant plant, ConsumptionReport byArea, ConsumptionReport byLine, ConsumptionReport byEquipment,
                EnergyCarrier carrier) {
            this.plant = plant;
            this.byLine = byLine;
            this.carrier = carrier;
            this.perArea = sums(byArea);
            this.perLine = sums(byLine);
            this.perEquipment = sums(byEquipment);
            if (byLine.reconciliation() != null) {
                for (ConsumptionReport.TreeCheck c : byLine.reconciliation().childrenVsParent()) {
                    if (c.carrier() == carrier && c.loss() > 0) {
                        lossAt.merge(nodeOf(c.parentMeterId()), c.loss(), Double::sum);
                    }
                }
            }
        }

        /** The deepest flow node the meter sits in (equipment, line, area), else the site. */
        private String nodeOf(String meterId) {
            Meter m = plant.meters().stream().filter(x -> x.id().equals(meterId)).findFirst().orElse(null);
            if (m == null) {
                return "site";
            }
            PlantPlace place = PointCatalogue.placeOf(plant, m);
            if (place.equipmentId() != null && perEquipment.containsKey(place.equipmentId())) {
                return "equipment:" + place.equipmentId();
            }
            if (place.lineId() != null && perLine.containsKey(place.lineId())) {
                return "line:" + place.lineId();
            }
            if (place.areaId() != null && perArea.containsKey(place.areaId())) {
                return "area:" + place.areaId();
            }
            return "site";
        }

        EnergyFlow build() {
            double total = byLine.totals().stream().filter(x -> x.carrier() == carrier)
                    .mapToDouble(ConsumptionReport.Total::value).sum();
            nodes.add(new Node("carrier", carrier.name(), "carrier"));
            nodes.add(new Node("site", byLine.plant(), "site"));
            links.add(new Link("carrier", "site", total));
            double areas = 0;
            for (Area area : plant.areas()) {
                Double value = perArea.get(area.id());
                if (value != null) {
                    areas += value;
                    area(area, value);
                }
            }
            double rest = total - areas;
            double loss = loss("site", "site", rest);
            if (rest - loss > 1e-9) {
                nodes.add(new Node("unassigned", "unassigned", "unassigned"));
                links.add(new Link("site", "unassigned", rest - loss));
            }
            return new EnergyFlow(carrier, unit == null ? "" : unit, byLine.from(), byLine.to(), List.copyOf(nodes),
                    List.copyOf(links));
        }

        private void area(Area area, double value) {
            String id = "area:" + area.id();
            child("site", id, area.name(), "area", value);
            double children = 0;
            for (ProductionLine line : plant.lines()) {
                Double v = perLine.get(line.id());
                if (area.id().equals(line.areaId()) && v != null) {
                    children += v;
                    line(line, v);
                }
            }
            for (Equipment e : plant.equipment()) {
                Double v = perEquipment.get(e.id());
                if (e.lineId() == null && area.id().equals(e.areaId()) && v != null) {
                    children += v;
                    child(id, "equipment:" + e.id(), e.name(), "equipment", v);
                    loss("equipment:" + e.id(), e.name(), v);
                }
            }
            rest(id, area.name(), value - children, children > 0);
        }

        private void line(ProductionLine line, double value) {
            String id = "line:" + line.id();
            child("area:" + line.areaId(), id, line.name(), "line", value);
            double children = 0;
            for (Equipment e : plant.equipment()) {
                Double v = perEquipment.get(e.id());
                if (line.id().equals(e.lineId()) && v != null) {
                    children += v;
                    child(id, "equipment:" + e.id(), e.name(), "equipment", v);
                    loss("equipment:" + e.id(), e.name(), v);
                }
            }
            rest(id, line.name(), value - children, children > 0);
        }

        private void child(String parent, String id, String name, String kind, double value) {
            nodes.add(new Node(id, name, kind));
            links.add(new Link(parent, id, value));
        }

        /** The loss booked in {@code node} as its own flow when the node's rest holds it; returns what was shown. */
        private double loss(String node, String name, double rest) {
            double loss = lossAt.getOrDefault(node, 0.0);
            if (loss <= 0 || loss > rest + 1e-9) {
                return 0;   // a negative loss (sub-meters above their parent) is not a flow: it stays in the rest
            }
            child(node, node.equals("site") ? "loss" : "loss:" + node, node.equals("site") ? "Loss 损耗" : name, "loss",
                    loss);
            return loss;
        }

        /** A node's own rest (booked to it but to none of its children), less its loss, when there is one to show. */
        private void rest(String node, String name, double rest, boolean hasChildren) {
            double loss = loss(node, name, rest);
            if ((hasChildren || loss > 0) && rest - loss > 1e-9) {
                child(node, "rest:" + node, name, "rest", rest - loss);
            }
        }

        private Map<String, Double> sums(ConsumptionReport report) {
            Map<String, Double> out = new TreeMap<>();
            for (ConsumptionReport.Row r : report.rows()) {
                if (r.carrier() == carrier && r.booked()) {
                    out.merge(r.groupId(), r.value(), Double::sum);
                    unit = r.unit();
                }
            }
            out.remove(UNASSIGNED_GROUP);
            return out;
        }
    }
}
