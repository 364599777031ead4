package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.MeterEvent;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.VirtualMeter;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meterEvents and virtualMeters sections: mapping, defaults, and errors with line and field. */
class AccountingConfigTest {

    private final PlantConfigLoader loader = TestProfiles.loader();

    /** The small valid plant file, for tests that append a section to it. */
    static String small() throws IOException {
        try (InputStream in = AccountingConfigTest.class.getClassLoader()
                .getResourceAsStream("config/valid-small.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eventsAndVirtualMetersMapToCoreRecords() throws Exception {
        String yaml = small() + """
                meterEvents:
                  - { meter: sub, point: energy, time: "2026-03-01T10:00:00+08:00", kind: replacement,
                      oldFinal: 123456.7, newInitial: 1.5, note: "CT failed" }
                  - { meter: main, point: energy, time: "2026-02-01T00:00:00", kind: reset, oldFinal: 99.0 }
                virtualMeters:
                  - { id: unmetered, name: Unmetered 未计量, formula: "main - sub" }
                  - { id: both, carrier: electricity, formula: "- sub + main" }
                """;
        Plant plant = loader.parse("plant.yaml", yaml);

        assertEquals(2, plant.meterEvents().size());
        MeterEvent reset = plant.meterEvents().get(0); // sorted by time
        assertEquals("main", reset.meterId());
        assertEquals(MeterEvent.Kind.RESET, reset.kind());
        assertEquals(Instant.parse("2026-01-31T23:00:00Z"), reset.time(), "local time in Europe/Berlin (UTC+1)");
        assertEquals(0.0, reset.newInitial(), "a reset starts at 0 by default");
        assertNull(reset.note());
        MeterEvent replacement = plant.meterEvents().get(1);
        assertEquals(Instant.parse("2026-03-01T02:00:00Z"), replacement.time());
        assertEquals(123456.7, replacement.oldFinal());
        assertEquals(1.5, replacement.newInitial());
        assertEquals("CT failed", replacement.note());

        VirtualMeter unmetered = plant.virtualMeters().get(0);
        assertEquals("Unmetered 未计量", unmetered.name());
        assertEquals(EnergyCarrier.ELECTRICITY, unmetered.carrier(), "carrier taken from the meters");
        assertEquals(List.of(new VirtualMeter.Term("main", 1), new VirtualMeter.Term("sub", -1)), unmetered.terms());
        assertEquals(List.of(new VirtualMeter.Term("sub", -1), new VirtualMeter.Term("main", 1)),
                plant.virtualMeters().get(1).terms());
    }

    @Test
    void plantWithoutTheSectionsHasNone() throws Exception {
        Plant plant = loader.parse("plant.yaml", small());
        assertTrue(plant.meterEvents().isEmpty());
        assertTrue(plant.virtualMeters().isEmpty());
    }

    @Test
    void everyMistakeIsReportedWithLineAndField() throws Exception {
        String base = small();
        int firstLine = (int) base.lines().count() + 1;
        String yaml = base + """
                meterEvents:
                  - { meter: mian, point: energy, time: "2026-03-01T10:00:00+08:00", kind: reset, oldFinal: 1 }
                  - { meter: main, point: active_power, time: "2026-03-01T10:00:00+08:00", kind: reset, oldFinal: 1 }
                  - { meter: main, point: enrgy, time: "2026-03-01T10:00:00+08:00", kind: reset, oldFinal: 1 }
                  - { meter: main, point: energy, time: "1 March", kind: reset, oldFinal: 1 }
                  - { meter: main, point: energy, time: "2026-03-01T10:00:00+08:00", kind: replacement, oldFinal: .nan }
                virtualMeters:
                  - { id: v1, formula: "main - nosuch" }
                  - { id: v2, formula: "main-sub" }
                  - { id: v3, formula: "main - - sub" }
                  - { id: v4, formula: "main - temp" }
                  - { id: v5, carrier: water, formula: "main" }
                  - { id: main, formula: "sub" }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", yaml));
        List<ValidationError> errors = e.errors();
        assertHas(errors, firstLine + 1, "meterEvents[0].meter", "unknown meter 'mian'");
        assertHas(errors, firstLine + 2, "meterEvents[1].point", "is not a counter");
        assertHas(errors, firstLine + 3, "meterEvents[2].point", "did you mean 'energy'");
        assertHas(errors, firstLine + 4, "meterEvents[3].time", "expected an ISO date-time");
        assertHas(errors, firstLine + 5, "meterEvents[4].oldFinal", "NaN");
        assertHas(errors, firstLine + 5, "meterEvents[4]", "missing required field 'newInitial'");
        assertHas(errors, firstLine + 7, "virtualMeters[0].formula", "unknown meter 'nosuch'");
        assertHas(errors, firstLine + 8, "virtualMeters[1].formula", "put spaces around");
        assertHas(errors, firstLine + 9, "virtualMeters[2].formula", "expected a meter id");
        assertHas(errors, firstLine + 10, "virtualMeters[3].formula", "carrier none");
        assertHas(errors, firstLine + 11, "virtualMeters[4].carrier", "mixed carriers");
        assertHas(errors, firstLine + 12, "virtualMeters[5].id", "already a meter's id");
        assertEquals(12, errors.size(), e::getMessage);
    }

    @Test
    void eventsOnAnOpcUaMeterAreCheckedAgainstItsOpcUaProfile() throws Exception {
        String yaml;
        try (InputStream in = AccountingConfigTest.class.getClassLoader()
                .getResourceAsStream("config/valid-opcua-meter.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int firstLine = (int) yaml.lines().count() + 1;
        String bad = yaml + """
                meterEvents:
                  - { meter: line_plc, point: drive_power, time: "2026-03-01T10:00:00", kind: reset, oldFinal: 1 }
                  - { meter: line_plc, point: energy, time: "2026-03-01T10:00:00", kind: reset, oldFinal: 1 }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", bad));
        assertHas(e.errors(), firstLine + 1, "meterEvents[0].point", "is not a counter (ACTIVE_POWER)");
        // 'energy' is a point of the Modbus profile test/power, not of the meter's OPC UA profile
        assertHas(e.errors(), firstLine + 2, "meterEvents[1].point", "(profile test/line-plc) has no point 'energy'");
        assertEquals(2, e.errors().size(), e::getMessage);
    }

    private static void assertHas(List<ValidationError> errors, int line, String field, String text) {
        assertTrue(errors.stream().anyMatch(x -> x.line() == line && x.field().equals(field)
                && x.message().contains(text)), () -> "no error at line " + line + " " + field + " containing '"
                        + text + "' in:\n" + errors.stream().map(ValidationError::toString)
                                .reduce("", (a, b) -> a + b + "\n"));
    }
}
