package io.wattline.web.accounting;

import io.wattline.analytics.service.MeteredPoint;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.profiles.DataType;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.simulator.DemoPlant;
import io.wattline.simulator.LoadModels;
import io.wattline.simulator.PlantModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated day of the demo plant in a real DuckDB historian: the model is stepped (no
 * sleeping) and every energy counter is sampled every 15 s as its register shows it (FLOAT32
 * rounding, integer resolution, wrap at the profile's counter maximum). Keeps the model's exact
 * truth at the day's start and end. {@link #simulate(Path, int, boolean)} runs several days and can
 * add line 1's good-part counter ({@link #GOOD_COUNT}): {@link #PARTS_PER_KWH} parts per kWh line 1
 * draws above {@link #LINE1_BASE_KW}, counted in whole parts, so per period
 * energy = base × hours + production ÷ parts-per-kWh.
 */
final class DemoDay {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final Duration STEP = Duration.ofSeconds(15);
    static final PointId GOOD_COUNT = PointId.parse("line1-plc.good_count");
    static final double PARTS_PER_KWH = 2.0;
    /** Below line 1's idle draw (22 kW less its noise), so the part count only ever rises. */
    static final double LINE1_BASE_KW = 10.0;

    final Plant plant;
    final ProfileCatalog catalog;
    final PointCatalogue catalogue;
    final Historian historian;
    final List<MeteredPoint> points;
    final Instant start;
    final Instant end;
    /** meter id → truth of its accounted counter at {@link #start} and {@link #end}. */
    final Map<String, double[]> truth = new HashMap<>();

    private DemoDay(Plant plant, ProfileCatalog catalog, PointCatalogue catalogue, Historian historian,
            List<MeteredPoint> points, Instant start, Instant end) {
        this.plant = plant;
        this.catalog = catalog;
        this.catalogue = catalogue;
        this.historian = historian;
        this.points = points;
        this.start = start;
        this.end = end;
    }

    /** Simulates from 1 h before the day to 1 h after it, so the day's edges have readings on both sides. */
    static DemoDay simulate(Path dataDir) throws Exception {
        return simulate(dataDir, 1, false);
    }

    /**
     * Simulates {@code days} days from {@link #DAY}, 1 h more on either side, with line 1's good-part
     * counter when {@code lineCounts}.
     */
    static DemoDay simulate(Path dataDir, int days, boolean lineCounts) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = new PlantConfigLoader(catalog::find).loadResource("demo/plant.yaml");
        Instant start = DAY.atStartOfDay(plant.zone()).toInstant();
        Instant end = DAY.plusDays(days).atStartOfDay(plant.zone()).toInstant();
        Historian historian = Historian.open(dataDir, HistorianOptions.defaults()
                .withRawRetention(Duration.ofDays(36_500)), Optional.empty());
        PointCatalogue catalogue = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
        List<MeteredPoint> points = catalogue.accountingCounters().stream().map(MeteredPoint::of).toList();
        DemoDay d = new DemoDay(plant, catalog, catalogue, historian, points, start, end);
        Instant t0 = start.minus(Duration.ofHours(1));
        PlantModel model = PlantModel.create(plant, LoadModels.fromResource(DemoPlant.LOADS_RESOURCE), t0);
        Map<String, PointDefinition> defs = new HashMap<>();
        for (MeteredPoint p : points) {
            defs.put(p.meterId(), catalog.require(plant.meter(p.meterId()).orElseThrow().profile())
                    .point(p.point().point()).orElseThrow());
        }
        double line1At0 = model.truth("line1-power", Quantity.ACTIVE_ENERGY_IMPORT);
        for (Instant t = t0; !t.isAfter(end.plus(Duration.ofHours(1))); t = t.plus(STEP)) {
            model.advanceTo(t);
            if (lineCounts) {
                double kwhAboveBase = model.truth("line1-power", Quantity.ACTIVE_ENERGY_IMPORT) - line1At0
                        - LINE1_BASE_KW * Duration.between(t0, t).toSeconds() / 3600.0;
                Sample parts = Sample.good(GOOD_COUNT, t, Math.floor(PARTS_PER_KWH * kwhAboveBase));
                while (!historian.writer().offer(parts)) {
                    historian.writer().flush();
                }
            }
            for (MeteredPoint p : points) {
                double truth = model.truth(p.meterId(), p.quantity());
                if (t.equals(start)) {
                    d.truth.computeIfAbsent(p.meterId(), k -> new double[2])[0] = truth;
                }
                if (t.equals(end)) {
                    d.truth.computeIfAbsent(p.meterId(), k -> new double[2])[1] = truth;
                }
                Sample s = Sample.good(p.point(), t, register(defs.get(p.meterId()), truth));
                while (!historian.writer().offer(s)) {
                    historian.writer().flush();
                }
            }
        }
        historian.writer().flush();
        historian.rollUpNow();
        return d;
    }

    /** What the register shows for an exact counter value. */
    static double register(PointDefinition def, double exact) {
        double wrap = def.wrapSpan();
        double v = Double.isNaN(wrap) ? exact : exact % wrap;
        if (def.type() == DataType.FLOAT32) {
            return (float) v;
        }
        if (def.type().isFloat()) {
            return v;
        }
        return Math.floor(v / def.scale()) * def.scale();
    }

    double truthDelta(String meterId) {
        double[] t = truth.get(meterId);
        return t[1] - t[0];
    }
}
