package io.wattline.simulator;

import io.wattline.core.Quantity;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.RegisterFunction;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One device a slave serves under a unit id: the register map of its profile, filled on every
 * read from the model's readings at that moment (the supplier advances the model first).
 */
public record SimulatedDevice(String meterId, int unitId, RegisterImage image,
        Supplier<Map<Quantity, Double>> readings) {

    /** A device whose readings never change: for tests and benchmarks that need known values. */
    public static SimulatedDevice fixed(String meterId, int unitId, DeviceProfile profile, Map<Quantity, Double> readings) {
        Map<Quantity, Double> copy = Map.copyOf(readings);
        return new SimulatedDevice(meterId, unitId, new RegisterImage(profile, Map.of()), () -> copy);
    }

    public int[] registers(RegisterFunction function, int start, int count) throws RegisterImage.OutsideReadableRange {
        if (!image.isReadable(function, start, count)) {
            // fail before advancing the model: a rejected read must not cost a model step
            return image.registers(function, start, count, Map.of());
        }
        return image.registers(function, start, count, readings.get());
    }

    public boolean[] bits(RegisterFunction function, int start, int count) throws RegisterImage.OutsideReadableRange {
        if (!image.isReadable(function, start, count)) {
            return image.bits(function, start, count, Map.of());
        }
        return image.bits(function, start, count, readings.get());
    }
}
