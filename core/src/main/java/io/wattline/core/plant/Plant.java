package io.wattline.core.plant;

import io.wattline.core.alarm.AlarmSettings;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.plausible.PlausibleValues;
import io.wattline.core.report.ReportSettings;
import io.wattline.core.tariff.TouTariff;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The whole plant as configured: the tree (site, area, line, equipment), the connections and
 * meters, cost centres, shifts and tariff, and the time zone that governs shifts and reports;
 * plus the declared counter resets and replacements and the virtual meters (formulas) accounting uses,
 * who is notified of alarms (rosters, SMS transports), which finance reports are made, and the
 * alarm rules.
 *
 * @param tariff the plant's own time-of-use tariff, resolved (bundled, from a file or inline); empty
 *               when the file has none (null is taken as empty)
 * @param plausible the plausible range of every quantity (the file's {@code plausibleRanges} over the
 *               built-in ones; null is taken as the built-in ones)
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
        Optional<TouTariff> tariff,
        List<MeterEvent> meterEvents,
        List<VirtualMeter> virtualMeters,
        NotificationSettings notification,
        ReportSettings reports,
        AlarmSettings alarms,
        PlausibleValues plausible) {

    public Plant {
        plausible = plausible == null ? PlausibleValues.standard() : plausible;
        reports = reports == null ? ReportSettings.none() : reports;
        tariff = tariff == null ? Optional.empty() : tariff;
        notification = notification == null ? NotificationSettings.none() : notification;
        alarms = alarms == null ? AlarmSettings.none() : alarms;
        meterEvents = meterEvents == null ? List.of()
                : meterEvents.stream().sorted(Comparator.comparing(MeterEvent::time)).toList();
        virtualMeters = virtualMeters == null ? List.of() : List.copyOf(virtualMeters);
        sites = List.copyOf(sites);
        areas = List.copyOf(areas);
        lines = List.copyOf(lines);
        equipment = List.copyOf(equipment);
        costCentres = List.copyOf(costCentres);
        connections = List.copyOf(connections);
        meters = List.copyOf(meters);
    }

    /** A plant without declared meter events or virtual meters (the form before they existed). */
    public Plant(String name, ZoneId zone, List<Site> sites, List<Area> areas, List<ProductionLine> lines,
            List<Equipment> equipment, List<CostCentre> costCentres, List<Connection> connections,
            List<Meter> meters, ShiftCalendar shiftCalendar, Optional<TouTariff> tariff) {
        this(name, zone, sites, areas, lines, equipment, costCentres, connections, meters, shiftCalendar, tariff,
                List.of(), List.of());
    }

    /** A plant with the built-in plausible ranges. */
    public Plant(String name, ZoneId zone, List<Site> sites, List<Area> areas, List<ProductionLine> lines,
            List<Equipment> equipment, List<CostCentre> costCentres, List<Connection> connections,
            List<Meter> meters, ShiftCalendar shiftCalendar, Optional<TouTariff> tariff, List<MeterEvent> meterEvents,
            List<VirtualMeter> virtualMeters, NotificationSettings notification, ReportSettings reports,
            AlarmSettings alarms) {
        this(name, zone, sites, areas, lines, equipment, costCentres, connections, meters, shiftCalendar, tariff,
                meterEvents, virtualMeters, notification, reports, alarms, null);
    }

    /** A plant without alarm rules (the form before alarm rules existed). */
    public Plant(String name, ZoneId zone, List<Site> sites, List<Area> areas, List<ProductionLine> lines,
            List<Equipment> equipment, List<CostCentre> costCentres, List<Connection> connections,
            List<Meter> meters, ShiftCalendar shiftCalendar, Optional<TouTariff> tariff, List<MeterEvent> meterEvents,
            List<VirtualMeter> virtualMeters, NotificationSettings notification, ReportSettings reports) {
        this(name, zone, sites, areas, lines, equipment, costCentres, connections, meters, shiftCalendar, tariff,
                meterEvents, virtualMeters, notification, reports, null);
    }

    /** A plant without report definitions or alarm rules. */
    public Plant(String name, ZoneId zone, List<Site> sites, List<Area> areas, List<ProductionLine> lines,
            List<Equipment> equipment, List<CostCentre> costCentres, List<Connection> connections,
            List<Meter> meters, ShiftCalendar shiftCalendar, Optional<TouTariff> tariff, List<MeterEvent> meterEvents,
            List<VirtualMeter> virtualMeters, NotificationSettings notification) {
        this(name, zone, sites, areas, lines, equipment, costCentres, connections, meters, shiftCalendar, tariff,
                meterEvents, virtualMeters, notification, null);
    }

    /** A plant that notifies nobody (the form before notification existed). */
    public Plant(String name, ZoneId zone, List<Site> sites, List<Area> areas, List<ProductionLine> lines,
            List<Equipment> equipment, List<CostCentre> costCentres, List<Connection> connections,
            List<Meter> meters, ShiftCalendar shiftCalendar, Optional<TouTariff> tariff, List<MeterEvent> meterEvents,
            List<VirtualMeter> virtualMeters) {
        this(name, zone, sites, areas, lines, equipment, costCentres, connections, meters, shiftCalendar, tariff,
                meterEvents, virtualMeters, null);
    }

    /**
     * The plant's contracted maximum demand (kW): the one site's that states it (docs/configuration.md,
     * {@code sites[].contractedDemandKw}); empty when none states it, or more than one does (then each
     * demand alarm and report states its own).
     */
    public Optional<Double> contractedDemandKw() {
        return contractedDemandKw(sites);
    }

    /** The contracted maximum demand of these sites, as {@link #contractedDemandKw()} tells it. */
    public static Optional<Double> contractedDemandKw(List<Site> sites) {
        List<Double> stated = sites.stream().map(Site::contractedDemandKw).filter(java.util.Objects::nonNull).toList();
        return stated.size() == 1 ? Optional.of(stated.get(0)) : Optional.empty();
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
                meters, shiftCalendar, tariff, meterEvents, virtualMeters, notification, reports, alarms, plausible);
    }

    /** The same plant with other alarm settings (tests, the demo's scenarios). */
    public Plant withAlarms(AlarmSettings newAlarms) {
        return new Plant(name, zone, sites, areas, lines, equipment, costCentres, connections,
                meters, shiftCalendar, tariff, meterEvents, virtualMeters, notification, reports, newAlarms, plausible);
    }
}
