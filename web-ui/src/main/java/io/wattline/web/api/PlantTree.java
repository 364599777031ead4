package io.wattline.web.api;

import io.wattline.core.plant.Area;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The plant as a tree for the UI ({@code GET /api/plant}). A meter hangs under its equipment if it
 * has one, else its line, else its area; equipment under its line, else its area. Meters that fit
 * nowhere are listed at the top in {@code meters}, so none disappears from view.
 */
public record PlantTree(String name, String timeZone, boolean demo, List<SiteNode> sites,
        List<MeterNode> meters, Double contractedDemandKw) {

    /** @param contractedDemandKw the site's contracted maximum demand (kW), or null when not stated */
    public record SiteNode(String id, String name, List<AreaNode> areas, Double contractedDemandKw) {
    }

    public record AreaNode(String id, String name, List<LineNode> lines, List<EquipmentNode> equipment,
            List<MeterNode> meters) {
    }

    public record LineNode(String id, String name, List<EquipmentNode> equipment, List<MeterNode> meters) {
    }

    public record EquipmentNode(String id, String name, List<MeterNode> meters) {
    }

    /** A meter; {@code carrier} as the configuration spells it in upper case, e.g. ELECTRICITY. */
    public record MeterNode(String id, String name, String carrier, String profile, String connection,
            int unitId, String costCentre, String parentMeter) {

        static MeterNode of(Meter m) {
            return new MeterNode(m.id(), m.name(), m.carrier() == null ? null : m.carrier().name(),
                    m.profile(), m.connectionId(), m.unitId(), m.costCentreId(), m.parentMeterId());
        }
    }

    public static PlantTree of(Plant plant, boolean demo) {
        List<SiteNode> sites = plant.sites().stream().map(s -> site(plant, s)).toList();
        Set<String> siteIds = plant.sites().stream().map(Site::id).collect(Collectors.toSet());
        Set<String> placedAreas = plant.areas().stream().filter(a -> siteIds.contains(a.siteId()))
                .map(Area::id).collect(Collectors.toSet());
        List<MeterNode> unplaced = plant.meters().stream()
                .filter(m -> !placedAreas.contains(areaOf(plant, m)))
                .map(MeterNode::of).toList();
        return new PlantTree(plant.name(), plant.zone() == null ? null : plant.zone().getId(), demo, sites,
                unplaced, plant.contractedDemandKw().orElse(null));
    }

    private static SiteNode site(Plant plant, Site site) {
        return new SiteNode(site.id(), site.name(), plant.areas().stream()
                .filter(a -> Objects.equals(a.siteId(), site.id()))
                .map(a -> area(plant, a)).toList(), site.contractedDemandKw());
    }

    private static AreaNode area(Plant plant, Area area) {
        List<LineNode> lines = plant.lines().stream()
                .filter(l -> Objects.equals(l.areaId(), area.id()))
                .map(l -> new LineNode(l.id(), l.name(),
                        equipment(plant, e -> Objects.equals(e.lineId(), l.id())),
                        meters(plant, m -> m.equipmentId() == null && Objects.equals(m.lineId(), l.id()))))
                .toList();
        return new AreaNode(area.id(), area.name(), lines,
                equipment(plant, e -> e.lineId() == null && Objects.equals(e.areaId(), area.id())),
                meters(plant, m -> m.equipmentId() == null && m.lineId() == null
                        && Objects.equals(m.areaId(), area.id())));
    }

    private static List<EquipmentNode> equipment(Plant plant, Predicate<Equipment> where) {
        return plant.equipment().stream().filter(where)
                .map(e -> new EquipmentNode(e.id(), e.name(),
                        meters(plant, m -> Objects.equals(m.equipmentId(), e.id()))))
                .toList();
    }

    private static List<MeterNode> meters(Plant plant, Predicate<Meter> where) {
        return plant.meters().stream().filter(where).map(MeterNode::of).toList();
    }

    /** The area a meter ends up in through its equipment, line or own area; null if none resolves. */
    private static String areaOf(Plant plant, Meter m) {
        if (m.equipmentId() != null) {
            return plant.equipment().stream().filter(e -> e.id().equals(m.equipmentId())).findFirst()
                    .map(e -> e.lineId() == null ? e.areaId() : lineArea(plant, e.lineId())).orElse(null);
        }
        if (m.lineId() != null) {
            return lineArea(plant, m.lineId());
        }
        return m.areaId();
    }

    private static String lineArea(Plant plant, String lineId) {
        return plant.lines().stream().filter(l -> l.id().equals(lineId)).findFirst()
                .map(ProductionLine::areaId).orElse(null);
    }
}
