package io.wattline.simulator;

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

/** A small hand-made profile, so register tests do not depend on the built-in catalogue. */
final class TestProfiles {

    private TestProfiles() {
    }

    static PointDefinition point(String name, Quantity q, RegisterFunction f, int address, DataType type,
            WordOrder order, double scale, int bit, Double counterMax) {
        return new PointDefinition(name, q, f, address, type, order, scale, 0.0, q.unit(), bit, counterMax,
                "fast", "test");
    }

    /**
     * Holding 0..9: power FLOAT32 ABCD at 0, energy UINT32 CDAB scale 0.01 wrapping at 999999 at 2,
     * temperature INT16 scale 0.1 at 4, status bits 0 and 3 at 5, temperature offset at 6;
     * input 100..103: voltage FLOAT32 at 100; coils 0..1.
     */
    static DeviceProfile meter() {
        return new DeviceProfile("test/meter", "Test", "meter", "hand-made test profile", 1, AddressBase.ZERO,
                List.of(
                        point("active_power", Quantity.ACTIVE_POWER, RegisterFunction.HOLDING, 0, DataType.FLOAT32,
                                WordOrder.ABCD, 1, -1, null),
                        point("energy", Quantity.ACTIVE_ENERGY_IMPORT, RegisterFunction.HOLDING, 2, DataType.UINT32,
                                WordOrder.CDAB, 0.01, -1, 999_999.0),
                        point("temperature", Quantity.TEMPERATURE, RegisterFunction.HOLDING, 4, DataType.INT16,
                                WordOrder.ABCD, 0.1, -1, null),
                        point("fault_a", Quantity.STATUS, RegisterFunction.HOLDING, 5, DataType.BIT,
                                WordOrder.ABCD, 1, 0, null),
                        point("fault_b", Quantity.ALARM_WORD, RegisterFunction.HOLDING, 5, DataType.BIT,
                                WordOrder.ABCD, 1, 3, null),
                        point("temperature_offset", Quantity.TEMPERATURE, RegisterFunction.HOLDING, 6,
                                DataType.INT16, WordOrder.ABCD, 0.1, -1, null),
                        point("voltage_l1_n", Quantity.VOLTAGE_L1_N, RegisterFunction.INPUT, 100, DataType.FLOAT32,
                                WordOrder.ABCD, 1, -1, null),
                        point("running", Quantity.STATUS, RegisterFunction.COIL, 1, DataType.BIT,
                                WordOrder.ABCD, 1, 0, null)),
                List.of(new RegisterRange(RegisterFunction.HOLDING, 0, 10),
                        new RegisterRange(RegisterFunction.INPUT, 100, 104),
                        new RegisterRange(RegisterFunction.COIL, 0, 2)),
                Quirks.none(), List.of("test"));
    }
}
