package io.wattline.analytics.flow;

import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.core.plant.EnergyCarrier;
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

    /** Node ids: {@code carrier}, {@code site}, {@code line:<id>}, {@code unassigned}, {@code loss}. */
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
}
