package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.core.Quantity;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The one place that tells a meter's Modbus profile from its OPC UA profile: a meter on an
 * {@code opc-ua} connection is described by an OPC UA profile, every other meter by a Modbus
 * profile. Both come back as the same protocol-neutral points, so the configuration checks and the
 * catalogue builder look points up without branching on the protocol themselves.
 */
final class MeterProfiles {

    /** Which kind of profile describes a meter. */
    enum Kind {
        MODBUS("profile"), OPC_UA("OPC UA profile");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How errors name a profile of this kind ("unknown OPC UA profile"). */
        String label() {
            return label;
        }

        Kind other() {
            return this == MODBUS ? OPC_UA : MODBUS;
        }
    }

    /**
     * One point of either kind of profile.
     *
     * @param pollGroup     the Modbus poll group, null for OPC UA points
     * @param defaultPeriod the profile's period for the point: its poll group's default, or the OPC UA
     *                      sampling interval; empty when the profile gives none
     * @param wrapSpan      for a counter, (raw maximum + 1) × scale; 0 when it never wraps or is unknown
     */
    record ProfilePoint(String name, Quantity quantity, String unit, String pollGroup,
            Optional<Duration> defaultPeriod, double wrapSpan) {
    }

    /** A meter's profile as the checks and the catalogue see it. */
    record Described(String profileId, Kind kind, List<ProfilePoint> points, Optional<DeviceProfile.Rating> rated) {

        Described(String profileId, Kind kind, List<ProfilePoint> points) {
            this(profileId, kind, points, Optional.empty());
        }

        Optional<ProfilePoint> point(String name) {
            return points.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        /** Names of the counter points, in profile order. */
        Set<String> counters() {
            Set<String> out = new LinkedHashSet<>();
            points.stream().filter(p -> p.quantity() != null && p.quantity().isCounter())
                    .forEach(p -> out.add(p.name()));
            return out;
        }

        /** The poll groups the points use, in profile order (none for OPC UA). */
        Set<String> pollGroups() {
            Set<String> out = new LinkedHashSet<>();
            points.stream().filter(p -> p.pollGroup() != null).forEach(p -> out.add(p.pollGroup()));
            return out;
        }
    }

    private final Function<String, Optional<DeviceProfile>> modbus;
    private final Function<String, Optional<OpcUaProfile>> opcUa;

    MeterProfiles(Function<String, Optional<DeviceProfile>> modbus,
            Function<String, Optional<OpcUaProfile>> opcUa) {
        this.modbus = modbus;
        this.opcUa = opcUa;
    }

    /** The profile {@code profileId} of the given kind; empty when no such profile of that kind exists. */
    Optional<Described> find(String profileId, Kind kind) {
        if (profileId == null) {
            return Optional.empty();
        }
        return kind == Kind.OPC_UA ? opcUa.apply(profileId).map(MeterProfiles::describe)
                : modbus.apply(profileId).map(MeterProfiles::describe);
    }

    /**
     * When {@code profileId} names a profile of the other kind, says so ("; 'x' is an OPC UA profile,
     * but connection 'c' is not opc-ua"); else "".
     */
    String otherKindHint(String profileId, Kind kind, String connectionId) {
        if (find(profileId, kind.other()).isEmpty()) {
            return "";
        }
        return kind == Kind.MODBUS
                ? "; '" + profileId + "' is an OPC UA profile, but connection '" + connectionId + "' is not opc-ua"
                : "; '" + profileId + "' is a Modbus profile, but connection '" + connectionId + "' is opc-ua";
    }

    /** The kind of profile a configured meter needs: by the type of its connection. */
    static Kind kindOf(Plant plant, Meter meter) {
        boolean opcUa = plant.connection(meter.connectionId()).map(Connection::type)
                .map(t -> t == ConnectionType.OPC_UA).orElse(false);
        return opcUa ? Kind.OPC_UA : Kind.MODBUS;
    }

    /**
     * The same for a meter in a configuration tree that may not load yet: a meter whose connection
     * is unknown or has no type counts as Modbus (the bad reference is reported on its own).
     */
    static Kind kindOf(JsonNode root, JsonNode meter) {
        String connectionId = text(meter, "connection");
        for (Indexed c : objects(root.path("connections"))) {
            if (connectionId != null && connectionId.equals(text(c.node(), "id"))) {
                return "opc-ua".equals(text(c.node(), "type")) ? Kind.OPC_UA : Kind.MODBUS;
            }
        }
        return Kind.MODBUS;
    }

    private static Described describe(DeviceProfile profile) {
        return new Described(profile.id(), Kind.MODBUS, profile.points().stream().map(p -> point(profile, p))
                .toList(), profile.rated());
    }

    private static ProfilePoint point(DeviceProfile profile, PointDefinition p) {
        double wrap = p.wrapSpan();
        return new ProfilePoint(p.name(), p.quantity(), p.unit(), p.pollGroup(),
                p.pollGroup() == null ? Optional.empty() : profile.pollPeriod(p.pollGroup()),
                Double.isNaN(wrap) ? 0 : wrap);
    }

    private static Described describe(OpcUaProfile profile) {
        return new Described(profile.id(), Kind.OPC_UA, profile.points().stream().map(MeterProfiles::point).toList());
    }

    private static ProfilePoint point(OpcUaPoint p) {
        return new ProfilePoint(p.name(), p.quantity(), p.unit(), null, Optional.ofNullable(p.samplingInterval()), 0);
    }
}
