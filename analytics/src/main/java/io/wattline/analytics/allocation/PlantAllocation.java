package io.wattline.analytics.allocation;

import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The plant tree as accounting sees it. A meter with sub-meters of its own carrier is booked only
 * through its loss node (main − Σ sub-meters), so the accounting nodes (leaf meters, losses and
 * formula meters) add up to the root meters and nothing is counted twice.
 */
public final class PlantAllocation {

    private final Plant plant;
    private final Map<String, Meter> metersById = new LinkedHashMap<>();
    private final Map<String, List<Meter>> children = new LinkedHashMap<>();
    private final List<AccountingNode> nodes = new ArrayList<>();

    /**
     * @param accountedMeters meters that have an energy counter (others, such as thermometers, are ignored)
     * @param formulas extra virtual meters (sum, difference) from configuration or code
     */
    public PlantAllocation(Plant plant, Set<String> accountedMeters, List<AccountingNode> formulas) {
        this.plant = plant;
        for (Meter m : plant.meters()) {
            if (accountedMeters.contains(m.id()) && m.carrier() != EnergyCarrier.NONE) {
                metersById.put(m.id(), m);
            }
        }
        for (Meter m : metersById.values()) {
            Meter parent = m.parentMeterId() == null ? null : metersById.get(m.parentMeterId());
            if (parent != null && parent.carrier() == m.carrier()) {
                children.computeIfAbsent(parent.id(), k -> new ArrayList<>()).add(m);
            }
        }
        for (Meter m : metersById.values()) {
            List<Meter> subs = children.get(m.id());
            if (subs == null) {
                nodes.add(node(m, m.id(), m.name(), AccountingNode.Kind.METER, List.of(MeterTerm.plus(m.id()))));
            } else {
                List<MeterTerm> terms = new ArrayList<>();
                terms.add(MeterTerm.plus(m.id()));
                subs.forEach(s -> terms.add(MeterTerm.minus(s.id())));
                nodes.add(node(m, "loss:" + m.id(), "Loss 损耗 " + m.name(), AccountingNode.Kind.LOSS, terms));
            }
        }
        for (AccountingNode f : formulas) {
            for (MeterTerm t : f.terms()) {
                if (!metersById.containsKey(t.meterId())) {
                    throw new IllegalArgumentException("virtual meter " + f.id() + ": unknown meter " + t.meterId());
                }
            }
            nodes.add(f);
        }
    }

    private AccountingNode node(Meter m, String id, String name, AccountingNode.Kind kind, List<MeterTerm> terms) {
        PlantPlace place = PointCatalogue.placeOf(plant, m);
        return new AccountingNode(id, name, kind, m.carrier(), terms, place.siteId(), place.areaId(), place.lineId(),
                place.equipmentId(), place.costCentreId());
    }

    public Plant plant() {
        return plant;
    }

    /** Leaf meters, loss nodes and formula meters: the figures reports are built from. */
    public List<AccountingNode> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Nodes booked in full to groups (formula meters are shown but left out, since they restate
     * meters already booked): Σ of these per carrier equals Σ of the root meters.
     */
    public List<AccountingNode> bookedNodes() {
        return nodes.stream().filter(n -> n.kind() != AccountingNode.Kind.FORMULA).toList();
    }

    /** Meters with an energy counter, in configuration order. */
    public List<Meter> meters() {
        return List.copyOf(metersById.values());
    }

    /** Meters without a parent of their own carrier: the plant's totals per carrier. */
    public List<Meter> rootMeters() {
        return metersById.values().stream().filter(m -> m.parentMeterId() == null
                || !metersById.containsKey(m.parentMeterId())
                || metersById.get(m.parentMeterId()).carrier() != m.carrier()).toList();
    }

    /** Sub-meters of {@code meterId} with the same carrier, keyed by parent. */
    public Map<String, List<Meter>> children() {
        return Map.copyOf(children);
    }

    /** The key a node is grouped under for {@code group}; null for group kinds not based on the tree. */
    public static Function<AccountingNode, String> keyOf(String group) {
        return switch (group) {
            case "meter" -> AccountingNode::id;
            case "line" -> AccountingNode::lineId;
            case "area" -> AccountingNode::areaId;
            case "site" -> AccountingNode::siteId;
            case "costcentre" -> AccountingNode::costCentreId;
            case "equipment" -> AccountingNode::equipmentId;
            default -> throw new IllegalArgumentException("group '" + group + "' is not a plant-tree grouping");
        };
    }

    /** Display name of a group key. */
    public String nameOf(String group, String key) {
        if (key == null) {
            return "(none 未分配)";
        }
        return switch (group) {
            case "line" -> plant.lines().stream().filter(l -> l.id().equals(key)).map(l -> l.name()).findFirst().orElse(key);
            case "area" -> plant.areas().stream().filter(a -> a.id().equals(key)).map(Area::name).findFirst().orElse(key);
            case "site" -> plant.sites().stream().filter(a -> a.id().equals(key)).map(s -> s.name()).findFirst().orElse(key);
            case "costcentre" -> plant.costCentres().stream().filter(c -> c.id().equals(key)).map(c -> c.name())
                    .findFirst().orElse(key);
            case "equipment" -> plant.equipment().stream().filter(e -> e.id().equals(key)).map(Equipment::name)
                    .findFirst().orElse(key);
            case "meter" -> nodes.stream().filter(n -> n.id().equals(key)).map(AccountingNode::name).findFirst()
                    .orElse(key);
            default -> key;
        };
    }
}
