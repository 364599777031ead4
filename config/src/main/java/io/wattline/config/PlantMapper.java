package io.wattline.config;

import static io.wattline.config.ConfigNodes.text;

import io.wattline.core.plant.Area;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.CostCentre;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.MeterEvent;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.PollingOptions;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.Site;
import io.wattline.core.plant.VirtualMeter;
import io.wattline.core.tariff.TouTariff;
import io.wattline.core.Quantity;
import io.wattline.core.plausible.PlausibleValues;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Turns a checked configuration tree into the core plant records, applying the defaults that
 * docs/configuration.md promises. Runs only on trees that passed every check.
 */
final class PlantMapper {

    static final int DEFAULT_MODBUS_TCP_PORT = 502;
    static final int DEFAULT_OPC_UA_PORT = 4840;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final int DEFAULT_BAUD_RATE = 9600;
    /** Used when a file has no rotation: crews are then unknown, and the epoch does not matter. */
    static final LocalDate NO_ROTATION_EPOCH = LocalDate.of(2000, 1, 3);

    private PlantMapper() {
    }

    /** @param tariff the file's tariff, already resolved by {@link PlantTariffSection} */
    static Plant map(JsonNode root, Optional<TouTariff> tariff) {
        JsonNode plant = root.path("plant");
        List<Meter> meters = list(root.path("meters"), m -> meter(m, root));
        ZoneId zone = ZoneId.of(text(plant, "timeZone"));
        List<Site> sites = list(root.path("sites"), s -> new Site(text(s, "id"), name(s),
                s.path("contractedDemandKw").isNumber() ? s.path("contractedDemandKw").asDouble() : null));
        // the one figure the demand alarm and the reports default to (Plant.contractedDemandKw)
        Double contracted = Plant.contractedDemandKw(sites).orElse(null);
        return new Plant(
                text(plant, "name"),
                zone,
                sites,
                list(root.path("areas"), a -> new Area(text(a, "id"), name(a), text(a, "site"))),
                list(root.path("lines"), l -> new ProductionLine(text(l, "id"), name(l), text(l, "area"))),
                list(root.path("equipment"), e -> new Equipment(text(e, "id"), name(e),
                        text(e, "area"), text(e, "line"))),
                list(root.path("costCentres"), c -> new CostCentre(text(c, "id"), name(c))),
                list(root.path("connections"), PlantMapper::connection),
                meters,
                shiftCalendar(root.path("shifts")),
                tariff,
                list(root.path("meterEvents"), e -> meterEvent(e, zone)),
                list(root.path("virtualMeters"), v -> virtualMeter(v, meters)),
                NotificationMapper.map(root.path("notification")),
                ReportMapper.map(root.path("reports"), contracted),
                AlarmMapper.map(root.path("alarms"), contracted),
                plausible(root.path("plausibleRanges")));
    }

    /** The built-in plausible ranges with the file's {@code plausibleRanges} over them. */
    private static PlausibleValues plausible(JsonNode section) {
        PlausibleValues values = PlausibleValues.standard();
        if (section.isObject()) {
            for (Map.Entry<String, JsonNode> e : section.properties()) {
                values = values.with(Quantity.parse(e.getKey()),
                        new PlausibleValues.Range(e.getValue().get("min").asDouble(), e.getValue().get("max").asDouble()));
            }
        }
        return values;
    }

    /** A reset's new register starts at 0 unless the file says otherwise. */
    private static MeterEvent meterEvent(JsonNode e, ZoneId zone) {
        return new MeterEvent(text(e, "meter"), text(e, "point"),
                ConfigTime.parse(text(e, "time"), zone).orElseThrow(),
                MeterEvent.Kind.valueOf(text(e, "kind").toUpperCase(Locale.ROOT)),
                e.path("oldFinal").asDouble(), e.path("newInitial").asDouble(0.0), text(e, "note"));
    }

    /** Without a carrier, the virtual meter measures the carrier of its meters (checked to be one). */
    private static VirtualMeter virtualMeter(JsonNode v, List<Meter> meters) {
        List<VirtualMeter.Term> terms = MeterFormula.parse(text(v, "formula")).terms();
        EnergyCarrier carrier = text(v, "carrier") != null ? EnergyCarrier.parse(text(v, "carrier"))
                : meters.stream().filter(m -> m.id().equals(terms.get(0).meterId())).findFirst().orElseThrow()
                        .carrier();
        return new VirtualMeter(text(v, "id"), name(v), carrier, text(v, "formula").trim(), terms);
    }

    private static Connection connection(JsonNode c) {
        ConnectionType type = ConnectionType.parse(text(c, "type"));
        boolean serial = type == ConnectionType.MODBUS_RTU;
        int defaultPort = switch (type) {
            case OPC_UA -> DEFAULT_OPC_UA_PORT;
            case MODBUS_RTU -> 0;
            default -> DEFAULT_MODBUS_TCP_PORT;
        };
        return new Connection(
                text(c, "id"),
                type,
                text(c, "host"),
                c.path("port").asInt(defaultPort),
                text(c, "device"),
                serial ? c.path("baudRate").asInt(DEFAULT_BAUD_RATE) : 0,
                serial ? (c.has("parity") ? text(c, "parity") : "N") : null,
                serial ? c.path("stopBits").asInt(1) : 0,
                c.has("timeout") ? DurationText.parse(text(c, "timeout")).orElseThrow() : DEFAULT_TIMEOUT,
                c.path("concurrency").asInt(1),
                type == ConnectionType.OPC_UA ? opcUa(c.path("opcua")) : null,
                polling(c.path("polling")));
    }

    /** Options the file leaves out stay null: the collector's defaults apply to them. */
    private static PollingOptions polling(JsonNode p) {
        if (!p.isObject()) {
            return PollingOptions.DEFAULTS;
        }
        JsonNode backoff = p.path("backoff");
        return new PollingOptions(text(p, "strategy"), p.has("retries") ? p.get("retries").asInt() : null,
                optionalDuration(backoff, "initial"), optionalDuration(backoff, "max"),
                optionalDuration(p, "interFrameDelay"), optionalDuration(p, "probeInterval"));
    }

    private static Duration optionalDuration(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : DurationText.parse(text).orElseThrow();
    }

    /** Without an opcua block an OPC UA connection is anonymous and unsecured. */
    private static OpcUaEndpoint opcUa(JsonNode o) {
        return new OpcUaEndpoint(text(o, "path"), text(o, "securityPolicy"), text(o, "securityMode"),
                text(o, "username"), text(o, "password"), text(o, "trustDir"),
                o.path("trustAllServers").asBoolean(false), o.path("allowPasswordWithoutSecurity").asBoolean(false),
                o.path("checkServerHostname").asBoolean(true));
    }

    /** A meter's area defaults to the area of its line or equipment. */
    private static Meter meter(JsonNode m, JsonNode root) {
        String area = text(m, "area");
        if (area == null && text(m, "line") != null) {
            area = areaOf(root.path("lines"), text(m, "line"));
        }
        if (area == null && text(m, "equipment") != null) {
            area = areaOf(root.path("equipment"), text(m, "equipment"));
        }
        Map<String, Duration> poll = new LinkedHashMap<>();
        JsonNode pollNode = m.path("poll");
        for (String group : pollNode.propertyNames()) {
            poll.put(group, DurationText.parse(pollNode.get(group).asString()).orElseThrow());
        }
        return new Meter(
                text(m, "id"),
                name(m),
                text(m, "profile"),
                text(m, "connection"),
                m.path("unitId").asInt(0),
                EnergyCarrier.parse(text(m, "carrier")),
                area,
                text(m, "line"),
                text(m, "equipment"),
                text(m, "costCentre"),
                text(m, "parent"),
                poll,
                m.has("maxPowerKw") ? Double.valueOf(m.get("maxPowerKw").asDouble())
                        : m.has("maxFlowPerHour") ? Double.valueOf(m.get("maxFlowPerHour").asDouble()) : null);
    }

    private static String areaOf(JsonNode section, String id) {
        for (JsonNode item : section) {
            if (id.equals(text(item, "id"))) {
                return text(item, "area");
            }
        }
        return null;
    }

    /** Without a shifts section the day is one shift, "day", 00:00–00:00, worked by no named crew. */
    private static ShiftCalendar shiftCalendar(JsonNode shifts) {
        if (!shifts.isObject()) {
            return new ShiftCalendar(List.of(new Shift("day", "Day", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)),
                    List.of(), NO_ROTATION_EPOCH, List.of());
        }
        List<Shift> definitions = list(shifts.path("definitions"), s -> new Shift(text(s, "id"), name(s),
                LocalTime.parse(text(s, "start")), LocalTime.parse(text(s, "end"))));
        List<String> crews = new ArrayList<>();
        shifts.path("crews").forEach(c -> crews.add(c.asString()));
        JsonNode rotation = shifts.path("rotation");
        LocalDate epoch = rotation.has("epoch") ? LocalDate.parse(text(rotation, "epoch")) : NO_ROTATION_EPOCH;
        List<List<String>> pattern = new ArrayList<>();
        for (JsonNode row : rotation.path("pattern")) {
            List<String> crewsOfDay = new ArrayList<>();
            row.forEach(c -> crewsOfDay.add(c.asString()));
            pattern.add(crewsOfDay);
        }
        return new ShiftCalendar(definitions, crews, epoch, pattern);
    }

    /** The display name, defaulting to the id. */
    private static String name(JsonNode node) {
        String name = text(node, "name");
        return name == null ? text(node, "id") : name;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> mapping) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : array) {
            items.add(mapping.apply(item));
        }
        return items;
    }
}
