package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.LaunchArguments.Command;
import io.wattline.web.LaunchArguments.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchArgumentsTest {

    @Test
    void demoDefaultsToPort8080AndDataDirectory() throws Exception {
        LaunchArguments a = LaunchArguments.parse("demo");
        assertEquals(Command.DEMO, a.command());
        assertEquals(8080, a.port());
        assertEquals(Path.of("data"), a.dataDir());
        assertNull(a.config());
    }

    @Test
    void demoTakesPortAndData() throws Exception {
        LaunchArguments a = LaunchArguments.parse("demo", "--port", "18080", "--data", "/tmp/w1");
        assertEquals(18080, a.port());
        assertEquals(Path.of("/tmp/w1"), a.dataDir());
    }

    @Test
    void runNeedsConfig() throws Exception {
        LaunchArguments a = LaunchArguments.parse("run", "--data", "d", "--config", "plant.yaml", "--port", "0");
        assertEquals(Command.RUN, a.command());
        assertEquals(Path.of("plant.yaml"), a.config());
        assertEquals(0, a.port());
        UsageException e = assertThrows(UsageException.class, () -> LaunchArguments.parse("run", "--port", "9000"));
        assertTrue(e.getMessage().contains("--config"), e.getMessage());
    }

    @Test
    void validateCollectsEveryFile() throws Exception {
        LaunchArguments a = LaunchArguments.parse("validate", "a.yaml", "b.yaml");
        assertEquals(List.of(Path.of("a.yaml"), Path.of("b.yaml")), a.files());
    }

    @Test
    void simulateHandsItsArgumentsOnUntouched() throws Exception {
        LaunchArguments a = LaunchArguments.parse("simulate", "--config", "x.yaml", "--port-offset", "100");
        assertEquals(List.of("--config", "x.yaml", "--port-offset", "100"), a.rest());
    }

    @Test
    void opcuaCertHandsItsArgumentsOn() throws Exception {
        LaunchArguments a = LaunchArguments.parse("opcua-cert", "renew", "--data", "d");
        assertEquals(Command.OPCUA_CERT, a.command());
        assertEquals(List.of("renew", "--data", "d"), a.rest());
        assertTrue(LaunchArguments.USAGE.contains("opcua-cert show|renew"), LaunchArguments.USAGE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''                          | no command",
            "start                       | unknown command 'start'",
            "demo --prot 8080            | unknown option '--prot'",
            "demo --port                 | --port needs a value",
            "demo --port eighty          | --port must be a number",
            "demo --port 70000           | --port must be 0..65535",
            "demo --config plant.yaml    | takes no --config",
            "demo 8080                   | unexpected argument '8080'",
            "validate                    | needs at least one FILE",
            "validate --strict a.yaml    | unknown option '--strict'",
    })
    void rejectsBadCommandLinesSayingWhy(String line, String expected) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split("\\s+");
        UsageException e = assertThrows(UsageException.class, () -> LaunchArguments.parse(args));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say " + expected);
    }
}
