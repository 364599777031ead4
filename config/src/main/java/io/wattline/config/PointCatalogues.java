package io.wattline.config;

import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the protocol-neutral {@link PointCatalogue} of a plant from both profile kinds: a meter on
 * an {@code opc-ua} connection is described by its OPC UA profile, every other meter by its Modbus
 * profile. This is the one place that knows there are two kinds.
 */
public final class PointCatalogues {

    /** Period for a poll group the profile uses but neither the meter nor the profile gives a period for. */
    public static final Duration DEFAULT_POLL_PERIOD = Duration.ofSeconds(60);

    private PointCatalogues() {
    }

    /**
     * @throws IllegalArgumentException naming the meter when its profile is unknown or of the wrong kind
     */
    public static PointCatalogue build(Plant plant, Function<String, Optional<DeviceProfile>> modbusProfiles,
            Function<String, Optional<OpcUaProfile>> opcUaProfiles) {
        Map<String, List<PointSpec>> specs = new LinkedHashMap<>();
        for (Meter m : plant.meters()) {
            boolean opcUa = plant.connection(m.connectionId()).map(Connection::type)
                    .map(t -> t == ConnectionType.OPC_UA).orElse(false);
            if (opcUa) {
                OpcUaProfile p = opcUaProfiles.apply(m.profile()).orElseThrow(() -> new IllegalArgumentException(
                        "meter " + m.id() + ": unknown OPC UA profile '" + m.profile() + "'"));
                specs.put(m.id(), opcUaSpecs(p));
            } else {
                DeviceProfile p = modbusProfiles.apply(m.profile()).orElseThrow(() -> new IllegalArgumentException(
                        "meter " + m.id() + ": unknown profile '" + m.profile() + "'"));
                specs.put(m.id(), modbusSpecs(m, p));
            }
        }
        return PointCatalogue.build(plant, specs);
    }

    private static List<PointSpec> modbusSpecs(Meter m, DeviceProfile profile) {
        List<PointSpec> out = new ArrayList<>();
        for (PointDefinition p : profile.points()) {
            double wrap = p.wrapSpan();
            out.add(new PointSpec(p.name(), null, p.quantity(), p.unit(), Double.isNaN(wrap) ? 0 : wrap,
                    pollPeriod(m, profile, p.pollGroup()), "modbus"));
        }
        return out;
    }

    private static List<PointSpec> opcUaSpecs(OpcUaProfile profile) {
        List<PointSpec> out = new ArrayList<>();
        for (OpcUaPoint p : profile.points()) {
            out.add(new PointSpec(p.name(), null, p.quantity(), p.unit(), 0, p.samplingInterval(), "opcua"));
        }
        return out;
    }

    /** The meter's period for a poll group, else the profile's default for it, else the meter's slowest. */
    public static Duration pollPeriod(Meter meter, DeviceProfile profile, String group) {
        Duration period = meter.pollGroups().get(group);
        if (period != null) {
            return period;
        }
        Optional<Duration> byProfile = profile.pollPeriod(group);
        if (byProfile.isPresent()) {
            return byProfile.get();
        }
        return meter.pollGroups().values().stream().max(Comparator.naturalOrder()).orElse(DEFAULT_POLL_PERIOD);
    }
}
