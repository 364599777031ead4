package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.ProfileCatalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A line PLC held by {@link PlantSimulator#startHoldingLinePlcs} (the web application's fast start)
 * does not listen, and so makes no RSA key, until released; closed before that, it stops at once.
 */
@Tag("integration")
class HeldLinePlcTest {

    @Test
    @Timeout(60)
    void aHeldPlcListensOnlyAfterItIsReleased() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        try (PlantSimulator sim = PlantSimulator.startHoldingLinePlcs(DemoPlant.load(catalog), catalog,
                SimulatorOptions.ephemeral())) {
            int port = sim.plant().connection("plc-line1").orElseThrow().port();
            assertTrue(port > 0, "the held PLC's port is chosen at once, so the plant already points at it");
            assertFalse(listens(port), "a held PLC does not listen on " + port);
            sim.releaseLinePlcs();
            sim.awaitServing();
            assertTrue(listens(port), "the released PLC listens on " + port);
        }
    }

    /** The web application's background start releases the PLC and goes on once it serves. */
    @Test
    @Timeout(60)
    void releasedAndAwaitedThePlcServesWhenTheCallReturns() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        try (PlantSimulator sim = PlantSimulator.startHoldingLinePlcs(DemoPlant.load(catalog), catalog,
                SimulatorOptions.ephemeral())) {
            int port = sim.plant().connection("plc-line1").orElseThrow().port();
            sim.releaseLinePlcsAndWait();
            assertTrue(listens(port), "the PLC listens on " + port + " when releaseLinePlcsAndWait returns");
        }
    }

    @Test
    @Timeout(20)
    void closingANeverReleasedPlcDoesNotWaitForIt() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        PlantSimulator sim = PlantSimulator.startHoldingLinePlcs(DemoPlant.load(catalog), catalog,
                SimulatorOptions.ephemeral());
        int port = sim.plant().connection("plc-line1").orElseThrow().port();
        sim.close(); // waiting for a PLC that never starts (30 s) would break the timeout above
        assertFalse(listens(port), "a PLC closed before its release never listens on " + port);
    }

    private static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
