package io.wattline.profiles.codec;

import io.wattline.profiles.DataType;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.WordOrder;

/**
 * Pure conversion between 16-bit registers (as they arrive on the wire, high byte first) and
 * values. Shared by the collector (decode) and the simulator (encode), so both read a profile the
 * same way; the recorded-frames suite checks it against real devices' captures.
 */
public final class RegisterCodec {

    private RegisterCodec() {
    }

    /** Engineering value of {@code point} from the registers starting at {@code index}. */
    public static double decode(PointDefinition point, int[] registers, int index) {
        double raw = decodeRaw(point.type(), point.wordOrder(), point.bit(), registers, index);
        return raw * point.scale() + point.offset();
    }

    /** Registers that carry the engineering value {@code value} for {@code point}. */
    public static int[] encode(PointDefinition point, double value) {
        double raw = (value - point.offset()) / point.scale();
        return encodeRaw(point.type(), point.wordOrder(), point.bit(), raw);
    }

    /** The raw (unscaled) value; for BIT the bit {@code bit} of one register (0 or 1). */
    public static double decodeRaw(DataType type, WordOrder order, int bit, int[] registers, int index) {
        int n = type.registerCount();
        if (index < 0 || index + n > registers.length) {
            throw new IllegalArgumentException("need " + n + " registers at index " + index
                    + " but only " + registers.length + " were given");
        }
        if (type == DataType.BIT) {
            if (bit < 0 || bit > 15) {
                throw new IllegalArgumentException("bit index " + bit + " outside 0..15");
            }
            return (registers[index] >> bit) & 1;
        }
        long bits = 0;
        for (int i = 0; i < n; i++) {
            int word = registers[index + (order.swapsWords() ? n - 1 - i : i)] & 0xFFFF;
            if (order.swapsBytes()) {
                word = ((word & 0xFF) << 8) | (word >>> 8);
            }
            bits = (bits << 16) | word;
        }
        return switch (type) {
            case INT16 -> (short) bits;
            case UINT16 -> bits & 0xFFFF;
            case INT32 -> (int) bits;
            case UINT32 -> bits & 0xFFFF_FFFFL;
            case INT64 -> bits;
            case UINT64 -> bits >= 0 ? bits : Double.parseDouble(Long.toUnsignedString(bits));
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
            case BIT -> throw new AssertionError("handled above");
        };
    }

    /** Registers for a raw value; integers are rounded and must fit the type. */
    public static int[] encodeRaw(DataType type, WordOrder order, int bit, double raw) {
        if (type == DataType.BIT) {
            return new int[] {raw != 0 ? 1 << bit : 0};
        }
        long bits = switch (type) {
            case INT16 -> checked(raw, Short.MIN_VALUE, Short.MAX_VALUE, type);
            case UINT16 -> checked(raw, 0, 0xFFFF, type);
            case INT32 -> checked(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
            case UINT32 -> checked(raw, 0, 0xFFFF_FFFFL, type);
            case INT64 -> checked(raw, Long.MIN_VALUE, Long.MAX_VALUE, type);
            case UINT64 -> unsigned64(raw);
            case FLOAT32 -> Float.floatToIntBits((float) raw) & 0xFFFF_FFFFL;
            case FLOAT64 -> Double.doubleToLongBits(raw);
            case BIT -> throw new AssertionError("handled above");
        };
        int n = type.registerCount();
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            int word = (int) (bits & 0xFFFF);
            bits >>>= 16;
            if (order.swapsBytes()) {
                word = ((word & 0xFF) << 8) | (word >>> 8);
            }
            out[order.swapsWords() ? n - 1 - i : i] = word;
        }
        return out;
    }

    private static long checked(double raw, long min, long max, DataType type) {
        if (!Double.isFinite(raw)) {
            throw new IllegalArgumentException("cannot encode " + raw + " as " + type);
        }
        double r = Math.rint(raw);
        // (double) Long.MAX_VALUE rounds up to 2^63, which a long cannot hold: compare strictly there.
        if (r < min || r > max || max == Long.MAX_VALUE && r >= 0x1p63) {
            throw new IllegalArgumentException(raw + " does not fit " + type + " [" + min + ", " + max + "]");
        }
        return (long) r;
    }

    private static long unsigned64(double raw) {
        if (!Double.isFinite(raw) || raw < 0 || raw >= 0x1p64) {
            throw new IllegalArgumentException(raw + " does not fit UINT64");
        }
        double r = Math.rint(raw);
        return r < 0x1p63 ? (long) r : (long) (r - 0x1p63) ^ Long.MIN_VALUE;
    }
}
