package io.wattline.profiles.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.profiles.ProfileException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OPC UA profile files: defaults, overrides, deadbands and every error located by line and field. */
class OpcUaProfileLoaderTest {

    @Test
    void readsPointsWithDefaultsAndOverrides() {
        OpcUaProfile p = OpcUaProfileLoader.parse("v/m", "m.yaml", """
                schemaVersion: 1
                protocol: opc-ua
                vendor: v
                model: m
                defaults: { samplingInterval: 2s, queueSize: 3 }
                points:
                  - { name: power, quantity: active_power, nodeId: "ns=2;s=P" }
                  - { name: energy, quantity: active_energy_import, browsePath: "2:Line/2:E",
                      samplingInterval: 500ms, queueSize: 1, deadband: "2%", scale: 0.001 }
                """);
        OpcUaPoint power = p.point("power").orElseThrow();
        assertEquals(Duration.ofSeconds(2), power.samplingInterval());
        assertEquals(3, power.queueSize());
        assertEquals(Deadband.NONE, power.deadband());
        assertEquals("kW", power.unit());
        OpcUaPoint energy = p.point("energy").orElseThrow();
        assertEquals(Quantity.ACTIVE_ENERGY_IMPORT, energy.quantity());
        assertEquals("2:Line/2:E", energy.address());
        assertEquals(Duration.ofMillis(500), energy.samplingInterval());
        assertEquals(new Deadband(Deadband.Type.PERCENT, 2), energy.deadband());
        assertEquals(0.001, energy.scale());
        assertTrue(energy.checkServerUnit(), "a server's declared unit is checked unless the profile says not to");
    }

    @Test
    void checkServerUnitFalseIsRead() {
        OpcUaProfile p = OpcUaProfileLoader.parse("v/m", "m.yaml", """
                schemaVersion: 1
                protocol: opc-ua
                vendor: v
                model: m
                points:
                  - { name: power, quantity: active_power, nodeId: "ns=2;s=P", scale: 0.001, checkServerUnit: false }
                """);
        assertEquals(false, p.point("power").orElseThrow().checkServerUnit());
    }

    @Test
    void reportsEveryProblemWithLineAndField() {
        ProfileException e = assertThrows(ProfileException.class, () -> OpcUaProfileLoader.parse("v/m", "bad.yaml", """
                schemaVersion: 1
                protocol: modbus
                vendor: v
                model: m
                points:
                  - { name: Power, quantity: active_power, nodeId: "ns=2;s=P" }
                  - { name: flow, quantity: litres, nodeId: "ns=2;s=F" }
                  - { name: temp, quantity: temperature, unit: K, nodeId: "ns=2;s=T" }
                  - { name: both, quantity: status, nodeId: "ns=2;s=B", browsePath: "2:B" }
                """));
        String all = e.getMessage();
        assertEquals(5, e.problems().size(), all);
        assertTrue(all.contains("bad.yaml"), all);
        assertTrue(e.problems().stream().anyMatch(v -> v.line() == 2 && v.message().contains("protocol: opc-ua")), all);
        assertTrue(e.problems().stream().anyMatch(v -> v.line() == 6 && v.message().contains("\"Power\"")), all);
        assertTrue(e.problems().stream().anyMatch(v -> v.line() == 7 && v.message().contains("unknown quantity 'litres'")),
                all);
        assertTrue(e.problems().stream().anyMatch(v -> v.line() == 8 && v.message().contains("'degC'")), all);
        assertTrue(e.problems().stream().anyMatch(v -> v.line() == 9 && v.message().contains("exactly one of")), all);
    }

    @Test
    void schemaErrorsComeFromTheSharedValidatorInTheSameForm() {
        ProfileException e = assertThrows(ProfileException.class, () -> OpcUaProfileLoader.parse("v/m", "bad.yaml", """
                schemaVersion: 1
                protocol: opc-ua
                vendor: v
                model: m
                defaults: { samplingInterval: soon, queueSize: 0 }
                points:
                  - { name: power, quantity: active_power, nodeID: "ns=2;s=P" }
                  - { name: energy, quantity: active_energy_import, nodeId: "ns=2;s=E", deadband: "a lot" }
                """));
        assertEquals(List.of(
                "bad.yaml:5:13: defaults.samplingInterval: expected a duration like 500ms, 1s, 2m or 1h, got string \"soon\"",
                "bad.yaml:5:37: defaults.queueSize: expected integer from 1 to 10000, got 0",
                "bad.yaml:7:5: points[0]: point 'power' needs exactly one of nodeId and browsePath",
                "bad.yaml:7:44: points[0].nodeID: unknown field 'nodeID' (expected one of: name, quantity, unit, nodeId,"
                        + " browsePath, samplingInterval, queueSize, deadband, scale, offset, checkServerUnit); did you mean 'nodeId'?",
                "bad.yaml:8:73: points[1].deadband: expected an absolute deadband in the point's unit like \"0.5\", or a"
                        + " percent of the EURange like \"2%\", got string \"a lot\""),
                e.problems().stream().map(Object::toString).toList());
    }

    @ParameterizedTest
    @CsvSource({
        "'',     NONE,     0",
        "0.5,    ABSOLUTE, 0.5",
        "2%,     PERCENT,  2",
        "' 10 %', PERCENT, 10",
    })
    void deadbands(String text, Deadband.Type type, double value) {
        assertEquals(new Deadband(type, value), Deadband.parse(text));
    }

    @Test
    void aPercentDeadbandAbove100IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Deadband.parse("120%"));
    }

    @Test
    void theShippedLinePlcProfileLoads() {
        OpcUaProfile p = new OpcUaProfileLoader().find("wattline/line-plc").orElseThrow();
        assertEquals(4, p.points().size());
        assertEquals(new Deadband(Deadband.Type.ABSOLUTE, 0.5), p.point("drive_power").orElseThrow().deadband());
        assertTrue(new OpcUaProfileLoader().find("wattline/none").isEmpty());
    }
}
