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
        assertNull(a.basePort());
        assertNull(a.opcUaPort());
    }

    @Test
    void readsEveryOption() {
        SimulatorMain.Arguments a = SimulatorMain.Arguments.parse("--config", "plant.yaml", "--host", "0.0.0.0",
                "--base-port", "2502", "--opcua-port", "5841", "--seed", "42", "--profiles", "site", "--profiles", "more");
        assertEquals(Path.of("plant.yaml"), a.config());
        assertEquals("0.0.0.0", a.host());
        assertEquals(2502, a.basePort());
        assertEquals(5841, a.opcUaPort());
        assertEquals(java.util.List.of(Path.of("site"), Path.of("more")), a.profiles());
        assertEquals(42L, a.seed());
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbers() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Arguments.parse("--prot", "1"))
                .getMessage().contains("unknown option --prot"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.Arguments.parse("--base-port", "ten")).getMessage().contains("'ten'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.Arguments.parse("--opcua-port", "70000")).getMessage().contains("1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.Arguments.parse("--port-offset", "100")).getMessage().contains("--base-port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Arguments.parse("--host"))
                .getMessage().contains("needs a value"));
    }
}
