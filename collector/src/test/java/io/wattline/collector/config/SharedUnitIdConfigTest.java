package io.wattline.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.ConfigException;
import io.wattline.config.PlantConfigLoader;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.yaml.ValidationError;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bus scheduler relies on one meter per unit id and bus: the plant loader (device-profiles)
 * must reject two meters on one unit id of one RS-485 bus, naming the file and the line.
 */
class SharedUnitIdConfigTest {

    private static final String PLANT = """
            schemaVersion: 1
            plant: { name: "bus test", timeZone: Asia/Shanghai }
            sites: [ { id: s1 } ]
            areas: [ { id: a1, site: s1 } ]
            connections:
              - { id: bus1, type: modbus-rtu, device: /dev/ttyUSB0, baudRate: 9600, parity: N, stopBits: 1, timeout: 200ms }
              - { id: bus2, type: modbus-rtu, device: /dev/ttyUSB1, baudRate: 9600 }
            meters:
              - id: m1
                profile: eastron/sdm120
                connection: bus1
                unitId: 3
                carrier: electricity
                area: a1
              - id: m2
                profile: eastron/sdm120
                connection: bus2
                unitId: 3
                carrier: electricity
                area: a1
              - id: m3
                profile: eastron/sdm120
                connection: bus1
                unitId: %d
                carrier: electricity
                area: a1
            """;

    @Test
    void twoMetersOnOneUnitIdOfOneBusAreRejectedWithFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PlantConfigLoader.withBuiltInProfiles().parse("bad.yaml", PLANT.formatted(3)));
        List<ValidationError> errors = e.errors();
        assertEquals(1, errors.size(), errors.toString());
        ValidationError error = errors.get(0);
        assertEquals("bad.yaml", error.file());
        // Line 24 is "unitId: 3" of m3; the first user, m1, has its unitId on line 12.
        assertEquals(24, error.line(), error.toString());
        assertTrue(error.message().contains("unit id 3 is already used on connection 'bus1' by meter 'm1' (line 12)"),
                error.message());
        assertTrue(e.getMessage().contains("bad.yaml:24"), e.getMessage());
    }

    @Test
    void theSameUnitIdOnAnotherBusIsFine() throws ConfigException {
        Plant plant = PlantConfigLoader.withBuiltInProfiles().parse("good.yaml", PLANT.formatted(4));
        assertEquals(3, plant.meters().size());
    }
}
