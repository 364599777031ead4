package io.wattline.web.accounting;

import io.wattline.analytics.service.MeteredPoint;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
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
 * truth at the day's start and end.
 */
final class DemoDay {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final Duration STEP = Duration.ofSeconds(15);

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
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = new PlantConfigLoader(catalog::find).loadResource("demo/plant.yaml");
        Instant start = DAY.atStartOfDay(plant.zone()).toInstant();
        Instant end = DAY.plusDays(1).atStartOfDay(plant.zone()).toInstant();
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
        for (Instant t = t0; !t.isAfter(end.plus(Duration.ofHours(1))); t = t.plus(STEP)) {
            model.advanceTo(t);
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
