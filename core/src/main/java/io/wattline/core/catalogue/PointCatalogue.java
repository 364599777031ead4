package io.wattline.core.catalogue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every configured point, whatever its protocol: what it is (quantity, unit, carrier, counter and
 * wrap span), how often it is read and where it sits in the plant tree; plus the communication-health
 * points ({@code comm_*}) of every device. Built once from the plant and the device profiles (the
 * config module does that); accounting, KPIs, alarms, the UI, the north-bound server and exports all
 * read it, and none of them branches on protocol. The meter-to-place resolution lives here only.
 */
public final class PointCatalogue {

    /** Reserved point-name prefix of communication-health points. */
    public static final String HEALTH_PREFIX = "comm_";
    /** Health points every device has, in the order they are listed. */
    public static final Map<String, Quantity> HEALTH_POINTS = healthPoints();

    private final Plant plant;
    private final List<CataloguedPoint> points;
    private final Map<PointId, CataloguedPoint> byId = new LinkedHashMap<>();
    private final Map<String, List<CataloguedPoint>> byMeter = new LinkedHashMap<>();
    private final Map<String, PlantPlace> places = new LinkedHashMap<>();

    private PointCatalogue(Plant plant, List<CataloguedPoint> points) {
        this.plant = plant;
        this.points = List.copyOf(points);
        for (CataloguedPoint p : this.points) {
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("point " + p.id() + " is catalogued twice");
            }
            byMeter.computeIfAbsent(p.meterId(), k -> new ArrayList<>()).add(p);
        }
        byMeter.replaceAll((k, v) -> List.copyOf(v));
        plant.meters().forEach(m -> places.put(m.id(), placeOf(plant, m)));
    }

    /**
     * The catalogue of a plant: for every meter in plant order, its points as its profile declares
     * them, then its health points. A meter missing from {@code pointsByMeter} has health points only.
     *
     * @throws IllegalArgumentException when a profile point uses the reserved {@link #HEALTH_PREFIX}
     */
    public static PointCatalogue build(Plant plant, Map<String, List<PointSpec>> pointsByMeter) {
        Objects.requireNonNull(plant, "plant");
        List<CataloguedPoint> out = new ArrayList<>();
        for (Meter m : plant.meters()) {
            PlantPlace place = placeOf(plant, m);
            Duration slowest = Duration.ofSeconds(10);
            for (PointSpec s : pointsByMeter.getOrDefault(m.id(), List.of())) {
                if (s.name().startsWith(HEALTH_PREFIX)) {
                    throw new IllegalArgumentException("meter " + m.id() + ": profile " + m.profile() + " point '"
                            + s.name() + "' uses the prefix '" + HEALTH_PREFIX
                            + "' reserved for communication health points " + HEALTH_POINTS.keySet());
                }
                out.add(new CataloguedPoint(new PointId(m.id(), s.name()), m.id(), m.name(), s.displayName(),
                        s.quantity(), s.unit(), m.carrier(), s.wrapSpan(), s.period(), place, s.protocol(), false,
                        s.maxRatePerHour()));
            }
            for (Map.Entry<String, Quantity> h : HEALTH_POINTS.entrySet()) {
                out.add(new CataloguedPoint(new PointId(m.id(), h.getKey()), m.id(), m.name(), null, h.getValue(),
                        h.getValue().unit(), EnergyCarrier.NONE, 0, slowest, place, "health", true));
            }
        }
        return new PointCatalogue(plant, out);
    }

    /** Where a meter sits: its line is its own or its equipment's, its area its own, its line's or its equipment's. */
    public static PlantPlace placeOf(Plant plant, Meter m) {
        Equipment eq = m.equipmentId() == null ? null
                : plant.equipment().stream().filter(e -> e.id().equals(m.equipmentId())).findFirst().orElse(null);
        String lineId = m.lineId() != null ? m.lineId() : eq == null ? null : eq.lineId();
        String areaId = m.areaId();
        if (areaId == null && lineId != null) {
            areaId = plant.lines().stream().filter(l -> l.id().equals(lineId)).map(ProductionLine::areaId)
                    .findFirst().orElse(null);
        }
        if (areaId == null && eq != null) {
            areaId = eq.areaId();
        }
        String area = areaId;
        String siteId = area == null ? null
                : plant.areas().stream().filter(a -> a.id().equals(area)).map(Area::siteId).findFirst().orElse(null);
        if (siteId == null && plant.sites().size() == 1) {
            siteId = plant.sites().get(0).id();
        }
        return new PlantPlace(siteId, areaId, lineId, m.equipmentId(), m.costCentreId());
    }

    public Plant plant() {
        return plant;
    }

    /** Every point, health points included, in plant order. */
    public List<CataloguedPoint> all() {
        return points;
    }

    /** Every point a profile declares (health points excluded), in plant order. */
    public List<CataloguedPoint> measured() {
        return points.stream().filter(p -> !p.health()).toList();
    }

    public Optional<CataloguedPoint> find(PointId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** True when {@code id} is a configured point (health points included). */
    public boolean contains(PointId id) {
        return byId.containsKey(id);
    }

    /** The quantity of a configured point. */
    public Optional<Quantity> quantityOf(PointId id) {
        return find(id).map(CataloguedPoint::quantity);
    }

    /** A meter's points (its profile's, then its health points); empty for an unknown meter. */
    public List<CataloguedPoint> ofMeter(String meterId) {
        return byMeter.getOrDefault(meterId, List.of());
    }

    /** The place of a configured meter. */
    public Optional<PlantPlace> place(String meterId) {
        return Optional.ofNullable(places.get(meterId));
    }

    /** The meters whose place is on {@code lineId} (directly or through their equipment), in plant order. */
    public List<Meter> metersOnLine(String lineId) {
        return plant.meters().stream().filter(m -> lineId.equals(place(m.id()).map(PlantPlace::lineId).orElse(null)))
                .toList();
    }

    /**
     * The counter accounting reads for a meter: the first counter of its carrier's preferred quantity
     * (electricity: active energy import; heat: heat energy; steam: mass, else volume; water, gas,
     * compressed air: volume). Empty for a meter of carrier NONE or without such a counter.
     */
    public Optional<CataloguedPoint> accountingCounter(String meterId) {
        Optional<Meter> meter = plant.meter(meterId);
        if (meter.isEmpty()) {
            return Optional.empty();
        }
        for (Quantity q : preferredCounters(meter.get().carrier())) {
            Optional<CataloguedPoint> p = ofMeter(meterId).stream().filter(c -> c.quantity() == q).findFirst();
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The accounting counter of every meter that has one, in plant order. */
    public List<CataloguedPoint> accountingCounters() {
        List<CataloguedPoint> out = new ArrayList<>();
        plant.meters().forEach(m -> accountingCounter(m.id()).ifPresent(out::add));
        return out;
    }

    /** Meters of an energy carrier that have no counter accounting could read (reported, never silently dropped). */
    public List<Meter> metersWithoutAccountingCounter() {
        return plant.meters().stream().filter(m -> m.carrier() != EnergyCarrier.NONE)
                .filter(m -> accountingCounter(m.id()).isEmpty()).toList();
    }

    /** The reactive energy import counter (kvarh) of every electricity meter that has one. */
    public List<CataloguedPoint> reactiveCounters() {
        List<CataloguedPoint> out = new ArrayList<>();
        for (Meter m : plant.meters()) {
            if (m.carrier() == EnergyCarrier.ELECTRICITY) {
                ofMeter(m.id()).stream().filter(p -> p.quantity() == Quantity.REACTIVE_ENERGY_IMPORT).findFirst()
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The production counters of the meters on a line ({@code good_count} first, then the others in
     * plant order).
     */
    public List<CataloguedPoint> productionCounters(String lineId) {
        List<CataloguedPoint> out = new ArrayList<>();
        for (Meter m : metersOnLine(lineId)) {
            ofMeter(m.id()).stream().filter(p -> p.quantity() == Quantity.PRODUCTION_COUNT).forEach(out::add);
        }
        out.sort((a, b) -> Boolean.compare(!a.id().point().equals("good_count"), !b.id().point().equals("good_count")));
        return Collections.unmodifiableList(out);
    }

    /** The counter quantities accounting prefers for a carrier, best first. */
    public static List<Quantity> preferredCounters(EnergyCarrier carrier) {
        return switch (carrier) {
            case ELECTRICITY -> List.of(Quantity.ACTIVE_ENERGY_IMPORT);
            case HEAT -> List.of(Quantity.HEAT_ENERGY);
            case STEAM -> List.of(Quantity.MASS, Quantity.VOLUME);
            case WATER, NATURAL_GAS, COMPRESSED_AIR -> List.of(Quantity.VOLUME);
            case NONE -> List.of();
        };
    }

    private static Map<String, Quantity> healthPoints() {
        Map<String, Quantity> m = new LinkedHashMap<>();
        m.put("comm_online", Quantity.COMM_ONLINE);
        m.put("comm_state", Quantity.COMM_STATE);
        m.put("comm_success_ratio", Quantity.COMM_SUCCESS_RATIO);
        m.put("comm_latency_ms", Quantity.COMM_LATENCY);
        m.put("comm_latency_p95_ms", Quantity.COMM_LATENCY);
        return Collections.unmodifiableMap(m);
    }
}
