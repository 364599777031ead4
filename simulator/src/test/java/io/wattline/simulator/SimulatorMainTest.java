package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void defaultsToTheDemoPlantOnLoopback() {
        SimulatorMain.Arguments a = SimulatorMain.Arguments.parse();
        assertNull(a.config());
        assertEquals("127.0.0.1", a.host());
        assertEquals(0, a.portOffset());
    }

    @Test
    void readsEveryOption() {
        SimulatorMain.Arguments a = SimulatorMain.Arguments.parse("--config", "plant.yaml", "--host", "0.0.0.0",
                "--port-offset", "1000", "--seed", "42");
        assertEquals(Path.of("plant.yaml"), a.config());
        assertEquals("0.0.0.0", a.host());
        assertEquals(1000, a.portOffset());
        assertEquals(42L, a.seed());
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbers() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Arguments.parse("--prot", "1"))
                .getMessage().contains("unknown option --prot"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.Arguments.parse("--port-offset", "ten")).getMessage().contains("'ten'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Arguments.parse("--host"))
                .getMessage().contains("needs a value"));
    }
}
