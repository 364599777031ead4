package io.wattline.web.accounting;

import io.wattline.analytics.service.MeteredPoint;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which counter of each meter accounting reads, and its wrap span from the profile: the first
 * counter point of the carrier's preferred quantity (electricity: active energy import; gas, water,
 * compressed air: volume; steam: mass, else volume; heat: heat energy).
 */
public final class MeterCounters {

    private MeterCounters() {
    }

    public static List<MeteredPoint> of(Plant plant, Function<String, Optional<DeviceProfile>> profiles) {
        List<MeteredPoint> out = new ArrayList<>();
        for (Meter m : plant.meters()) {
            if (m.carrier() == EnergyCarrier.NONE) {
                continue;
            }
            Optional<DeviceProfile> profile = profiles.apply(m.profile());
            if (profile.isEmpty()) {
                continue;
            }
            for (Quantity q : preferred(m.carrier())) {
                Optional<PointDefinition> p = profile.get().points().stream().filter(d -> d.quantity() == q).findFirst();
                if (p.isPresent()) {
                    out.add(new MeteredPoint(m.id(), new PointId(m.id(), p.get().name()), q, p.get().wrapSpan()));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The reactive energy import counter (kvarh) of each electricity meter whose profile has one,
     * for the tariff's power-factor adjustment; meters without one are reported as unavailable.
     */
    public static List<MeteredPoint> reactive(Plant plant, Function<String, Optional<DeviceProfile>> profiles) {
        List<MeteredPoint> out = new ArrayList<>();
        for (Meter m : plant.meters()) {
            if (m.carrier() != EnergyCarrier.ELECTRICITY) {
                continue;
            }
            profiles.apply(m.profile()).flatMap(p -> p.points().stream()
                    .filter(d -> d.quantity() == Quantity.REACTIVE_ENERGY_IMPORT).findFirst())
                    .ifPresent(d -> out.add(new MeteredPoint(m.id(), new PointId(m.id(), d.name()),
                            Quantity.REACTIVE_ENERGY_IMPORT, d.wrapSpan())));
        }
        return out;
    }

    /** The quantity of every configured point, for the importer's checks. */
    public static Function<PointId, Optional<Quantity>> quantities(Plant plant,
            Function<String, Optional<DeviceProfile>> profiles) {
        return id -> plant.meter(id.device()).flatMap(m -> profiles.apply(m.profile()))
                .flatMap(p -> p.point(id.point())).map(PointDefinition::quantity);
    }

    private static List<Quantity> preferred(EnergyCarrier carrier) {
        return switch (carrier) {
            case ELECTRICITY -> List.of(Quantity.ACTIVE_ENERGY_IMPORT);
            case HEAT -> List.of(Quantity.HEAT_ENERGY);
            case STEAM -> List.of(Quantity.MASS, Quantity.VOLUME);
            case WATER, NATURAL_GAS, COMPRESSED_AIR -> List.of(Quantity.VOLUME);
            case NONE -> List.of();
        };
    }
}
