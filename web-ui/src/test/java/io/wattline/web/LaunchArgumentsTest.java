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
        LaunchArguments a = LaunchArguments.parse("simulate", "--config", "x.yaml", "--base-port", "2502");
        assertEquals(List.of("--config", "x.yaml", "--base-port", "2502"), a.rest());
    }

    @Test
    void opcuaCertHandsItsArgumentsOn() throws Exception {
        LaunchArguments a = LaunchArguments.parse("opcua-cert", "renew", "--data", "d");
        assertEquals(Command.OPCUA_CERT, a.command());
        assertEquals(List.of("renew", "--data", "d"), a.rest());
        assertTrue(LaunchArguments.USAGE.contains("opcua-cert show|renew"), LaunchArguments.USAGE);
    }

    @Test
    void theRoleIsAllUnlessToldAndEdgeAndCentralTakeAGroupFile() throws Exception {
        LaunchArguments plain = LaunchArguments.parse("run", "--config", "plant.yaml");
        assertEquals("all", plain.role());
        assertEquals(null, plain.group());
        LaunchArguments edge = LaunchArguments.parse("run", "--config", "plant.yaml", "--role", "edge", "--group",
                "group.yaml", "--node", "sh-edge");
        assertEquals("edge", edge.role());
        assertEquals(Path.of("group.yaml"), edge.group());
        assertEquals("sh-edge", edge.node());
        LaunchArguments central = LaunchArguments.parse("demo", "--role", "central", "--group", "group.yaml");
        assertEquals("central", central.role());
        assertEquals(null, central.node());
        assertTrue(LaunchArguments.USAGE.contains("--role all|edge|central"), LaunchArguments.USAGE);
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
            "run --config p.yaml --scenario night-waste | scenarios are for the demo",
            "run --config p.yaml --role hub            | --role must be all, edge or central",
            "run --config p.yaml --role edge           | --role edge needs --group FILE",
            "run --config p.yaml --group g.yaml        | --group and --node are for --role edge or central",
    })
    void rejectsBadCommandLinesSayingWhy(String line, String expected) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split("\\s+");
        UsageException e = assertThrows(UsageException.class, () -> LaunchArguments.parse(args));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say " + expected);
    }

    @Test
    void profileFoldersGoWithRunAndValidateAndProfileCheckTakesFolders() throws Exception {
        LaunchArguments run = LaunchArguments.parse("run", "--config", "plant.yaml", "--profiles", "site",
                "--profiles", "vendor-extra");
        assertEquals(List.of(Path.of("site"), Path.of("vendor-extra")), run.profileFolders());
        LaunchArguments validate = LaunchArguments.parse("validate", "--profiles", "site", "plant.yaml");
        assertEquals(List.of(Path.of("site")), validate.profileFolders());
        assertEquals(List.of(Path.of("plant.yaml")), validate.files());
        LaunchArguments check = LaunchArguments.parse("profile", "check", "site");
        assertEquals(LaunchArguments.Command.PROFILE_CHECK, check.command());
        assertEquals(List.of(Path.of("site")), check.profileFolders());
        assertEquals("'profile' needs a subcommand: profile check DIR...", assertThrows(
                LaunchArguments.UsageException.class, () -> LaunchArguments.parse("profile", "list")).getMessage());
        assertEquals("'profile check' needs at least one DIR", assertThrows(LaunchArguments.UsageException.class,
                () -> LaunchArguments.parse("profile", "check")).getMessage());
    }

    @Test
    void aDemoScenarioKeepsItsDataApartUnlessToldWhere() throws Exception {
        LaunchArguments a = LaunchArguments.parse("demo", "--scenario", "night-waste");
        assertEquals("night-waste", a.scenario());
        assertEquals(java.nio.file.Path.of("data", "scenario-night-waste"), a.dataDir());
        assertEquals(java.nio.file.Path.of("/tmp/w2"), LaunchArguments.parse("demo", "--scenario", "night-waste",
                "--data", "/tmp/w2").dataDir());
        assertEquals(null, LaunchArguments.parse("demo").scenario());
    }
}
