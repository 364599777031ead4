package io.wattline.core.plant;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The whole plant as configured: the tree (site, area, line, equipment), the connections and
 * meters, cost centres, shifts and tariff, and the time zone that governs shifts and reports.
 */
public record Plant(
        String name,
        ZoneId zone,
        List<Site> sites,
        List<Area> areas,
        List<ProductionLine> lines,
        List<Equipment> equipment,
        List<CostCentre> costCentres,
        List<Connection> connections,
        List<Meter> meters,
        ShiftCalendar shiftCalendar,
        TariffCalendar tariff) {

    public Plant {
        sites = List.copyOf(sites);
        areas = List.copyOf(areas);
        lines = List.copyOf(lines);
        equipment = List.copyOf(equipment);
        costCentres = List.copyOf(costCentres);
        connections = List.copyOf(connections);
        meters = List.copyOf(meters);
    }

    public Optional<Meter> meter(String id) {
        return meters.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<Connection> connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The same plant with its connections replaced (the demo points them at its simulator). */
    public Plant withConnections(List<Connection> newConnections) {
        return new Plant(name, zone, sites, areas, lines, equipment, costCentres, newConnections,
                meters, shiftCalendar, tariff);
    }
}
