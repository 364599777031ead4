package io.wattline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PointIdTest {

    @ParameterizedTest
    @CsvSource({"main-incomer.active_power,main-incomer,active_power", "m1.energy_import,m1,energy_import",
            "Boiler_2.temperature,Boiler_2,temperature"})
    void parsesAndPrintsDevicePoint(String text, String device, String point) {
        PointId id = PointId.parse(text);
        assertEquals(device, id.device());
        assertEquals(point, id.point());
        assertEquals(text, id.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nodot", ".point", "device.", "dev ice.p", "dev.Point", "dev.p-x"})
    void rejectsMalformedIdsWithTheOffendingText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PointId.parse(text));
        assertTrue(e.getMessage().contains("'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"a.x,b.a,-1", "a.y,a.x,1", "a.x,a.x,0"})
    void ordersByDeviceThenPoint(String left, String right, int sign) {
        assertEquals(sign, Integer.signum(PointId.parse(left).compareTo(PointId.parse(right))));
    }
}
