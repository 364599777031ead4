package io.wattline.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.DemoPlant;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.SimulatorOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collector on the demo plant served by our own simulator over real loopback sockets: every
 * point of every meter comes back GOOD, and equals what the simulator's model shows.
 */
@Tag("integration")
class CollectorSimulatorIntegrationTest {

    @Test
    void everyDemoPointArrivesGoodAndEqualsTheSimulatorsModel() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant demo = DemoPlant.load(catalog);
        // A frozen simulator clock: the model stays at one instant, so what the collector decodes
        // can be compared with the model's own readings exactly (up to register resolution).
        Clock frozen = Clock.fixed(Instant.parse("2026-11-25T02:30:00Z"), ZoneOffset.UTC);
        try (PlantSimulator sim = PlantSimulator.start(demo, catalog, SimulatorOptions.ephemeral().withClock(frozen));
                SampleBus bus = new SampleBus();
                ModbusCollector collector = new ModbusCollector(TestCatalogues.of(sim.plant(), catalog::require),
                        catalog::require, bus, Clock.systemUTC())) {
            List<PointId> points = collector.points();
            assertTrue(points.size() >= 30, "demo plant has " + points.size() + " points");
            collector.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!points.stream().allMatch(p -> bus.latest().containsKey(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not every point sampled within 30 s; missing "
                            + points.stream().filter(p -> !bus.latest().containsKey(p)).toList());
                }
                Thread.sleep(100);
            }

            List<String> mismatches = new ArrayList<>();
            int compared = 0;
            for (PointId id : points) {
                Sample s = bus.latest().get(id);
                assertEquals(Quality.GOOD, s.quality(), id + ": " + s.reason());
                String profileId = demo.meter(id.device()).orElseThrow().profile();
                DeviceProfile profile = catalog.require(profileId);
                PointDefinition point = profile.point(id.point()).orElseThrow();
                Map<Quantity, Double> truth = sim.model().readings(id.device());
                boolean fixed = sim.model().loads().fixedPoints().getOrDefault(profileId, Map.of()).containsKey(point.name());
                if (fixed || !truth.containsKey(point.quantity()) || point.type() == io.wattline.profiles.DataType.BIT) {
                    continue;
                }
                double expected = truth.get(point.quantity());
                if (point.quantity().isCounter() && point.counterMax() != null) {
                    expected = expected % point.wrapSpan();
                }
                // Integers are rounded (counters truncated) to one step of the scale; floats keep ~7 digits.
                double tolerance = Math.abs(point.scale()) + 1e-6 * Math.abs(expected);
                compared++;
                if (Math.abs(s.value() - expected) > tolerance) {
                    mismatches.add(id + " = " + s.value() + ", model shows " + expected);
                }
            }
            assertTrue(mismatches.isEmpty(), "decoded values differ from the simulator's model: " + mismatches);
            assertTrue(compared >= 20, "only " + compared + " points could be compared with the model");
        }
    }
}
