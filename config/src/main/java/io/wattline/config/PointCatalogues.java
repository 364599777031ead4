package io.wattline.config;

import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
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
        MeterProfiles profiles = new MeterProfiles(modbusProfiles, opcUaProfiles);
        Map<String, List<PointSpec>> specs = new LinkedHashMap<>();
        for (Meter m : plant.meters()) {
            MeterProfiles.Kind kind = MeterProfiles.kindOf(plant, m);
            MeterProfiles.Described p = profiles.find(m.profile(), kind).orElseThrow(() -> new IllegalArgumentException(
                    "meter " + m.id() + ": unknown " + kind.label() + " '" + m.profile() + "'"
                            + profiles.otherKindHint(m.profile(), kind, m.connectionId())));
            List<PointSpec> out = new ArrayList<>();
            for (MeterProfiles.ProfilePoint point : p.points()) {
                double limit = point.quantity().isCounter()
                        ? PlausibilityLimit.of(m, p.rated(), point.quantity(), plant.plausible()).perHour()
                        : Double.POSITIVE_INFINITY;
                out.add(new PointSpec(point.name(), null, point.quantity(), point.unit(), point.wrapSpan(),
                        period(m, point.pollGroup(), point.defaultPeriod()), protocol(kind), limit));
            }
            specs.put(m.id(), out);
        }
        return PointCatalogue.build(plant, specs);
    }

    private static String protocol(MeterProfiles.Kind kind) {
        return kind == MeterProfiles.Kind.OPC_UA ? "opcua" : "modbus";
    }

    /** The meter's period for a poll group, else the profile's default for it, else the meter's slowest. */
    public static Duration pollPeriod(Meter meter, DeviceProfile profile, String group) {
        return period(meter, group, group == null ? Optional.empty() : profile.pollPeriod(group));
    }

    private static Duration period(Meter meter, String group, Optional<Duration> byProfile) {
        Duration period = group == null ? null : meter.pollGroups().get(group);
        if (period != null) {
            return period;
        }
        if (byProfile.isPresent()) {
            return byProfile.get();
        }
        return meter.pollGroups().values().stream().max(Comparator.naturalOrder()).orElse(DEFAULT_POLL_PERIOD);
    }
}
