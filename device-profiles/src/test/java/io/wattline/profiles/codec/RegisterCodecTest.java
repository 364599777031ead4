package io.wattline.profiles.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import io.wattline.profiles.DataType;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.WordOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every data type in every word order, with negative numbers, against register images worked out
 * by hand (big-endian bytes A B C D ..., then word and byte swaps); then a seeded round trip.
 */
class RegisterCodecTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "INT16   | ABCD |                     -2 | FFFE",
        "INT16   | CDAB |                     -2 | FFFE",
        "INT16   | BADC |                     -2 | FEFF",
        "INT16   | DCBA |                     -2 | FEFF",
        "UINT16  | ABCD |                   4660 | 1234",
        "UINT16  | CDAB |                   4660 | 1234",
        "UINT16  | BADC |                   4660 | 3412",
        "UINT16  | DCBA |                   4660 | 3412",
        "UINT16  | ABCD |                  65535 | FFFF",
        "INT32   | ABCD |             -123456789 | F8A4 32EB",
        "INT32   | CDAB |             -123456789 | 32EB F8A4",
        "INT32   | BADC |             -123456789 | A4F8 EB32",
        "INT32   | DCBA |             -123456789 | EB32 A4F8",
        "UINT32  | ABCD |             3000000000 | B2D0 5E00",
        "UINT32  | CDAB |             3000000000 | 5E00 B2D0",
        "UINT32  | BADC |             3000000000 | D0B2 005E",
        "UINT32  | DCBA |             3000000000 | 005E D0B2",
        "INT64   | ABCD |   -1234567890123456768 | EEDD EF0B 8216 7F00",
        "INT64   | CDAB |   -1234567890123456768 | 7F00 8216 EF0B EEDD",
        "INT64   | BADC |   -1234567890123456768 | DDEE 0BEF 1682 007F",
        "INT64   | DCBA |   -1234567890123456768 | 007F 1682 0BEF DDEE",
        "UINT64  | ABCD |   18446744073709549568 | FFFF FFFF FFFF F800",
        "UINT64  | CDAB |   18446744073709549568 | F800 FFFF FFFF FFFF",
        "UINT64  | BADC |   18446744073709549568 | FFFF FFFF FFFF 00F8",
        "UINT64  | DCBA |   18446744073709549568 | 00F8 FFFF FFFF FFFF",
        "FLOAT32 | ABCD |               -123.456 | C2F6 E979",
        "FLOAT32 | CDAB |               -123.456 | E979 C2F6",
        "FLOAT32 | BADC |               -123.456 | F6C2 79E9",
        "FLOAT32 | DCBA |               -123.456 | 79E9 F6C2",
        "FLOAT64 | ABCD |             -1234.5678 | C093 4A45 6D5C FAAD",
        "FLOAT64 | CDAB |             -1234.5678 | FAAD 6D5C 4A45 C093",
        "FLOAT64 | BADC |             -1234.5678 | 93C0 454A 5C6D ADFA",
        "FLOAT64 | DCBA |             -1234.5678 | ADFA 5C6D 454A 93C0",
    })
    void encodesAndDecodesEachTypeInEachWordOrder(DataType type, WordOrder order, String value, String words) {
        int[] registers = Arrays.stream(words.trim().split("\\s+")).mapToInt(w -> Integer.parseInt(w, 16)).toArray();
        double expected = type == DataType.FLOAT32 ? (float) Double.parseDouble(value) : Double.parseDouble(value);
        assertEquals(expected, RegisterCodec.decodeRaw(type, order, -1, registers, 0));
        assertArrayEquals(registers, RegisterCodec.encodeRaw(type, order, -1, expected));
        // the same value further into a longer read
        int[] padded = new int[registers.length + 3];
        System.arraycopy(registers, 0, padded, 2, registers.length);
        assertEquals(expected, RegisterCodec.decodeRaw(type, order, -1, padded, 2));
    }

    @ParameterizedTest
    @EnumSource(WordOrder.class)
    void bitsIgnoreTheWordOrder(WordOrder order) {
        int[] status = {0x00A0};
        assertEquals(1, RegisterCodec.decodeRaw(DataType.BIT, order, 7, status, 0));
        assertEquals(0, RegisterCodec.decodeRaw(DataType.BIT, order, 6, status, 0));
        assertEquals(1, RegisterCodec.decodeRaw(DataType.BIT, order, 5, status, 0));
        assertArrayEquals(new int[] {0x0020}, RegisterCodec.encodeRaw(DataType.BIT, order, 5, 1));
    }

    @Test
    void scaleAndOffsetApplyOnBothSides() {
        PointDefinition power = point(DataType.FLOAT32, WordOrder.CDAB, 0.0001, 0);   // 0.1 W units → kW
        int[] registers = RegisterCodec.encode(power, 8.4512);
        assertEquals(84512.0, RegisterCodec.decodeRaw(DataType.FLOAT32, WordOrder.CDAB, -1, registers, 0), 1e-3);
        assertEquals(8.4512, RegisterCodec.decode(power, registers, 0), 1e-9);

        PointDefinition temperature = point(DataType.INT16, WordOrder.ABCD, 0.1, -50);
        assertArrayEquals(new int[] {0xFFF6}, RegisterCodec.encode(temperature, -51));
        assertEquals(-51, RegisterCodec.decode(temperature, new int[] {0xFFF6}, 0), 1e-9);
    }

    @Test
    void valuesOutsideTheTypeAreRefusedNotWrapped() {
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encodeRaw(DataType.INT16, WordOrder.ABCD, -1, 32768));
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encodeRaw(DataType.UINT16, WordOrder.ABCD, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encodeRaw(DataType.UINT32, WordOrder.ABCD, -1, 0x1p32));
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encodeRaw(DataType.INT64, WordOrder.ABCD, -1, 0x1p63));
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encodeRaw(DataType.UINT64, WordOrder.ABCD, -1, 0x1p64));
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encodeRaw(DataType.INT32, WordOrder.ABCD, -1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.decodeRaw(DataType.FLOAT32, WordOrder.ABCD, -1, new int[1], 0));
    }

    /** 10^5 random values per type, each through all four word orders, with a fixed seed. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = "BIT", mode = EnumSource.Mode.EXCLUDE)
    void randomValuesSurviveARoundTrip(DataType type) {
        Random random = new Random(0x5EED_0000L + type.ordinal());
        for (int i = 0; i < 100_000; i++) {
            double value = randomValue(type, random);
            for (WordOrder order : WordOrder.values()) {
                int[] registers = RegisterCodec.encodeRaw(type, order, -1, value);
                assertEquals(type.registerCount(), registers.length);
                for (int r : registers) {
                    assertTrue(r >= 0 && r <= 0xFFFF, type + " " + order + " register " + r);
                }
                double back = RegisterCodec.decodeRaw(type, order, -1, registers, 0);
                if (Double.isNaN(value)) {
                    assertTrue(Double.isNaN(back));
                } else if (Double.compare(value, back) != 0) {
                    throw new AssertionError(type + " " + order + ": " + value + " came back as " + back);
                }
            }
        }
    }

    private static double randomValue(DataType type, Random random) {
        return switch (type) {
            case INT16 -> (short) random.nextInt();
            case UINT16 -> random.nextInt(0x10000);
            case INT32 -> random.nextInt();
            case UINT32 -> random.nextInt() & 0xFFFF_FFFFL;
            // 64-bit integers: only values a double holds exactly round-trip; keep below 2^63 / 2^64
            case INT64 -> Math.min((double) random.nextLong(), Math.nextDown(0x1p63));
            case UINT64 -> Math.min(Math.abs((double) random.nextLong()) * 2, Math.nextDown(0x1p64));
            case FLOAT32 -> Float.intBitsToFloat(random.nextInt());
            case FLOAT64 -> Double.longBitsToDouble(random.nextLong());
            case BIT -> throw new AssertionError("excluded");
        };
    }

    private static PointDefinition point(DataType type, WordOrder order, double scale, double offset) {
        return new PointDefinition("p", Quantity.ACTIVE_POWER, RegisterFunction.HOLDING, 0, type, order, scale, offset,
                "kW", -1, null, "fast", "test, constructed");
    }
}
