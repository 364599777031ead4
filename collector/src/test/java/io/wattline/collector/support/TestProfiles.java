package io.wattline.collector.support;

import io.wattline.core.Quantity;
import io.wattline.profiles.AddressBase;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import io.wattline.profiles.WordOrder;
import java.util.List;

/** Profiles built as records for the collector's tests (the collector never loads YAML itself). */
public final class TestProfiles {

    private TestProfiles() {
    }

    public static PointDefinition point(String name, RegisterFunction fn, int address, DataType type) {
        return point(name, Quantity.ACTIVE_POWER, fn, address, type, WordOrder.ABCD, 1, -1, "fast");
    }

    public static PointDefinition point(String name, Quantity q, RegisterFunction fn, int address, DataType type,
            WordOrder order, double scale, int bit, String group) {
        return new PointDefinition(name, q, fn, address, type, order, scale, 0, q.unit(), bit,
                q.isCounter() ? 4294967295.0 : null, group, "collector test fixture");
    }

    public static DeviceProfile profile(String id, List<PointDefinition> points, List<RegisterRange> readable,
            Quirks quirks) {
        return new DeviceProfile(id, id.substring(0, id.indexOf('/')), id.substring(id.indexOf('/') + 1),
                "test profile", 1, AddressBase.ZERO, points, readable, quirks, List.of("collector tests"));
    }

    /**
     * A small energy meter whose registers {@link #TEST_METER_REGISTERS} serve. Fast group:
     * holding 0..10 with unused registers 4-5 and 8-9 (declared readable, so one read covers all).
     * Slow group: input 0..4 with a readable gap at 2-3, and coil 0.
     */
    public static DeviceProfile testMeter() {
        List<PointDefinition> points = List.of(
                point("voltage_l1_n", Quantity.VOLTAGE_L1_N, RegisterFunction.HOLDING, 0, DataType.FLOAT32,
                        WordOrder.ABCD, 1, -1, "fast"),
                point("current_l1", Quantity.CURRENT_L1, RegisterFunction.HOLDING, 2, DataType.FLOAT32,
                        WordOrder.CDAB, 1, -1, "fast"),
                point("active_power", Quantity.ACTIVE_POWER, RegisterFunction.HOLDING, 6, DataType.INT32,
                        WordOrder.ABCD, 0.001, -1, "fast"),
                point("running", Quantity.STATUS, RegisterFunction.HOLDING, 10, DataType.BIT,
                        WordOrder.ABCD, 1, 3, "fast"),
                point("active_energy_import", Quantity.ACTIVE_ENERGY_IMPORT, RegisterFunction.INPUT, 0,
                        DataType.UINT32, WordOrder.CDAB, 0.01, -1, "slow"),
                point("frequency", Quantity.FREQUENCY, RegisterFunction.INPUT, 4, DataType.UINT16,
                        WordOrder.ABCD, 0.01, -1, "slow"),
                point("breaker_closed", Quantity.STATUS, RegisterFunction.COIL, 0, DataType.UINT16,
                        WordOrder.ABCD, 1, -1, "slow"));
        return profile("test/meter", points,
                List.of(new RegisterRange(RegisterFunction.HOLDING, 0, 12),
                        new RegisterRange(RegisterFunction.INPUT, 0, 5)),
                Quirks.none());
    }

    /**
     * Registers that make {@link #testMeter()} read, by hand: voltage 230.5 V is FLOAT32
     * 0x43668000 → 17254, 32768; current 12.25 A is FLOAT32 0x41440000, words swapped (CDAB) → 0,
     * 16708; power -1234.567 kW is INT32 -1234567 = 0xFFED2979 → 65517, 10617; status word 9 has
     * bit 3 set; energy 123456.78 kWh is UINT32 12345678 = 0x00BC614E, CDAB → 24910, 188;
     * frequency 50.02 Hz is 5002; the breaker coil is on.
     */
    public static final String TEST_METER_REGISTERS = """
            {"hr": [[0, [17254, 32768, 0, 16708, 0, 0, 65517, 10617, 0, 0, 9, 0]]],
             "ir": [[0, [24910, 188, 0, 0, 5002]]],
             "co": [[0, [1]]]}""";

    /** Engineering values {@link #TEST_METER_REGISTERS} decode to, by point name. */
    public static final java.util.Map<String, Double> TEST_METER_VALUES = java.util.Map.of(
            "voltage_l1_n", 230.5,
            "current_l1", 12.25,
            "active_power", -1234.567,
            "running", 1.0,
            "active_energy_import", 123456.78,
            "frequency", 50.02,
            "breaker_closed", 1.0);
}
