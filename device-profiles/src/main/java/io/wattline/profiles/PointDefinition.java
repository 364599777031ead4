package io.wattline.profiles;

import io.wattline.core.Quantity;

/**
 * One point of a profile: where it lives, how it is encoded and what it means. Engineering value
 * = raw × {@code scale} + {@code offset}, in {@code unit}, which must be the canonical unit of
 * {@code quantity}.
 *
 * @param address     PDU address (already converted from the profile's address base)
 * @param bit         for {@link DataType#BIT}: the bit index 0–15, otherwise -1
 * @param counterMax  for counters: largest raw value before the register wraps to 0, else null
 * @param pollGroup   name of the poll group (e.g. {@code fast}, {@code slow})
 * @param source      citation: manual and page the register comes from
 */
public record PointDefinition(
        String name,
        Quantity quantity,
        RegisterFunction function,
        int address,
        DataType type,
        WordOrder wordOrder,
        double scale,
        double offset,
        String unit,
        int bit,
        Double counterMax,
        String pollGroup,
        String source) {

    /** Number of registers (or bits, for coil and discrete tables) this point occupies. */
    public int length() {
        return function.isBit() ? 1 : type.registerCount();
    }

    /** One past the last register of this point. */
    public int end() {
        return address + length();
    }

    /** The counter's wrap span in engineering units: (raw maximum + 1) × scale; NaN when none. */
    public double wrapSpan() {
        return counterMax == null ? Double.NaN : (counterMax + 1) * scale;
    }
}
