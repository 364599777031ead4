package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wattline.core.device.DeviceState;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.collector.support.TestPlants;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.simulator.opcua.LinePlcServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped {@code wattline/line-plc} profile against the simulator's demo line PLC (Milo server). */
@Tag("integration")
class LinePlcProfileIntegrationTest {

    @TempDir
    Path temp;

    @Test
    void theShippedProfileReadsEveryPointOfTheDemoPlc() throws Exception {
        OpcUaProfile profile = new OpcUaProfileLoader().find("wattline/line-plc").orElseThrow();
        assertEquals(Quantity.PRODUCTION_COUNT, profile.point("good_count").orElseThrow().quantity());
        try (LinePlcServer plc = LinePlcServer.start(0, List.of("Line1"), 42)) {
            Connection c = Connection.opcUa("plc", "127.0.0.1", plc.port(),
                    new OpcUaEndpoint("/line-plc", "Basic256Sha256", "SignAndEncrypt", null, null, null, true));
            SampleBus bus = new SampleBus();
            Plant plant = TestPlants.plant(List.of(c),
                    List.of(TestPlants.meter("line1_plc", "wattline/line-plc", "plc", 0, Map.of())));
            try (OpcUaCollector collector = new OpcUaCollector(TestCatalogues.ofOpcUa(plant,
                    OpcUaProfileLoader.builtIn()::find), bus, Clock.systemUTC(), temp)) {
                collector.start();
                Set<String> names = Set.of("good_count", "scrap_count", "line_state", "drive_power");
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!names.stream().allMatch(n -> isGood(bus.latest().get(new PointId("line1_plc", n))))) {
                    if (System.nanoTime() > end) {
                        fail("not every point GOOD within 30 s: " + bus.latest() + "; " + collector.health());
                    }
                    Thread.sleep(100);
                }
                double first = bus.latest().get(new PointId("line1_plc", "good_count")).value();
                Thread.sleep(3000);
                double later = bus.latest().get(new PointId("line1_plc", "good_count")).value();
                assertTrue(later > first, "the running line counts parts: " + first + " → " + later);
                double state = bus.latest().get(new PointId("line1_plc", "line_state")).value();
                assertEquals(1.0, state, "the seeded line starts running");
                assertEquals(DeviceState.ONLINE, collector.health("line1_plc").orElseThrow().state());
            }
        }
    }

    private static boolean isGood(Sample s) {
        return s != null && s.isGood();
    }
}
