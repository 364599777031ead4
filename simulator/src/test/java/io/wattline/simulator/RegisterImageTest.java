package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.codec.RegisterCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterImageTest {

    private final DeviceProfile profile = TestProfiles.meter();
    private final RegisterImage image = new RegisterImage(profile, Map.of("temperature_offset", -1.5));

    private PointDefinition point(String name) {
        return profile.point(name).orElseThrow();
    }

    @Test
    void encodesEachPointAsItsProfileSays() throws Exception {
        Map<Quantity, Double> readings = Map.of(Quantity.ACTIVE_POWER, 123.25, Quantity.ACTIVE_ENERGY_IMPORT, 4321.567,
                Quantity.TEMPERATURE, 23.46);
        int[] words = image.registers(RegisterFunction.HOLDING, 0, 10, readings);
        assertEquals(123.25, RegisterCodec.decode(point("active_power"), words, 0));
        // counters are truncated to the register's resolution, as meters do: 4321.567 -> 4321.56
        assertEquals(4321.56, RegisterCodec.decode(point("energy"), words, 2), 1e-9);
        assertEquals(23.5, RegisterCodec.decode(point("temperature"), words, 4), 1e-9);
        assertEquals(-1.5, RegisterCodec.decode(point("temperature_offset"), words, 6), 1e-9);
        // registers no point covers, inside the readable range, read as 0
        assertArrayEquals(new int[] {0, 0, 0}, new int[] {words[7], words[8], words[9]});
    }

    @Test
    void countersWrapAtCounterMax() throws Exception {
        // raw maximum 999999 at 0.01 kWh: the register wraps every 10000 kWh
        int[] words = image.registers(RegisterFunction.HOLDING, 2, 2, Map.of(Quantity.ACTIVE_ENERGY_IMPORT, 123_456.78));
        assertEquals(3_456.78, RegisterCodec.decode(point("energy"), words, 0), 1e-6);
        assertEquals(10_000.0, point("energy").wrapSpan(), 1e-9);
    }

    @Test
    void bitPointsSharingAWordAreCombined() throws Exception {
        int[] words = image.registers(RegisterFunction.HOLDING, 5, 1,
                Map.of(Quantity.STATUS, 1.0, Quantity.ALARM_WORD, 1.0));
        assertEquals(0b1001, words[0]);
        assertEquals(0, image.registers(RegisterFunction.HOLDING, 5, 1, Map.of())[0]);
    }

    @Test
    void readsOutsideTheReadableRangesAreRejected() {
        assertThrows(RegisterImage.OutsideReadableRange.class,
                () -> image.registers(RegisterFunction.HOLDING, 8, 4, Map.of()));
        assertThrows(RegisterImage.OutsideReadableRange.class,
                () -> image.registers(RegisterFunction.INPUT, 0, 2, Map.of()));
        assertThrows(RegisterImage.OutsideReadableRange.class,
                () -> image.bits(RegisterFunction.DISCRETE, 0, 1, Map.of()));
        assertTrue(image.isReadable(RegisterFunction.INPUT, 100, 4));
        assertFalse(image.isReadable(RegisterFunction.INPUT, 99, 2));
    }

    @Test
    void gaugesThatDoNotFitTheirTypeSaturate() throws Exception {
        int[] words = image.registers(RegisterFunction.HOLDING, 4, 1, Map.of(Quantity.TEMPERATURE, 99_999.0));
        assertEquals(Short.MAX_VALUE * 0.1, RegisterCodec.decode(point("temperature"), words, 0), 1e-9);
    }

    @Test
    void coilsServeBits() throws Exception {
        boolean[] bits = image.bits(RegisterFunction.COIL, 0, 2, Map.of(Quantity.STATUS, 1.0));
        assertArrayEquals(new boolean[] {false, true}, bits);
    }

    @Test
    void profileWithoutReadableRangesAnswersOnItsPoints() throws Exception {
        DeviceProfile p = TestProfiles.meter();
        DeviceProfile bare = new DeviceProfile(p.id(), p.vendor(), p.model(), p.description(), p.schemaVersion(),
                p.addressBase(), p.points(), java.util.List.of(), p.quirks(), p.sources());
        RegisterImage points = new RegisterImage(bare, Map.of());
        assertTrue(points.isReadable(RegisterFunction.HOLDING, 0, 7));
        assertFalse(points.isReadable(RegisterFunction.HOLDING, 6, 2));
        int[] words = points.registers(RegisterFunction.INPUT, 100, 2, Map.of(Quantity.VOLTAGE_L1_N, 231.5));
        assertEquals(231.5, RegisterCodec.decode(point("voltage_l1_n"), words, 0));
    }
}
