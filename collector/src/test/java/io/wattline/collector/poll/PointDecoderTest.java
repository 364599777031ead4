package io.wattline.collector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.collector.plan.ReadRequest;
import io.wattline.collector.plan.RequestPlanner;
import io.wattline.collector.support.TestProfiles;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.WordOrder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PointDecoderTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");

    /**
     * Each case: a point, the registers of a read that starts at {@code start}, and the value by
     * hand (see the comments). The point sits inside the read, so the offset arithmetic is tested too.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                // 230.5 as FLOAT32 is 0x43668000; the read starts two registers earlier.
                Arguments.of(pt(Quantity.VOLTAGE_L1_N, RegisterFunction.HOLDING, 102, DataType.FLOAT32, WordOrder.ABCD, 1, -1),
                        100, new int[] {0, 0, 0x4366, 0x8000}, 230.5),
                // Same value with words swapped (CDAB, common on Chinese meters).
                Arguments.of(pt(Quantity.VOLTAGE_L1_N, RegisterFunction.HOLDING, 100, DataType.FLOAT32, WordOrder.CDAB, 1, -1),
                        100, new int[] {0x8000, 0x4366}, 230.5),
                // -1234567 = 0xFFED2979, scale 0.001 kW.
                Arguments.of(pt(Quantity.ACTIVE_POWER, RegisterFunction.HOLDING, 1, DataType.INT32, WordOrder.ABCD, 0.001, -1),
                        0, new int[] {7, 0xFFED, 0x2979}, -1234.567),
                // 12345678 = 0x00BC614E with words swapped, scale 0.01 kWh.
                Arguments.of(pt(Quantity.ACTIVE_ENERGY_IMPORT, RegisterFunction.INPUT, 0, DataType.UINT32, WordOrder.CDAB, 0.01, -1),
                        0, new int[] {0x614E, 0x00BC}, 123456.78),
                // Status word 0b1001: bit 3 is set, bit 2 is not.
                Arguments.of(pt(Quantity.STATUS, RegisterFunction.HOLDING, 5, DataType.BIT, WordOrder.ABCD, 1, 3),
                        5, new int[] {9}, 1.0),
                Arguments.of(pt(Quantity.STATUS, RegisterFunction.HOLDING, 5, DataType.BIT, WordOrder.ABCD, 1, 2),
                        5, new int[] {9}, 0.0),
                // A coil read carries one bit per address: the third coil of the read is on.
                Arguments.of(pt(Quantity.STATUS, RegisterFunction.COIL, 12, DataType.UINT16, WordOrder.ABCD, 1, -1),
                        10, new int[] {0, 0, 1}, 1.0));
    }

    private static PointDefinition pt(Quantity q, RegisterFunction fn, int address, DataType type, WordOrder order,
            double scale, int bit) {
        return TestProfiles.point("p", q, fn, address, type, order, scale, bit, "fast");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesOnePointOfARead(PointDefinition point, int start, int[] registers, double expected) {
        ReadRequest request = new ReadRequest(point.function(), start, registers.length, List.of(point));
        Sample s = PointDecoder.decode("m1", request, point, registers, T);
        assertEquals(new PointId("m1", "p"), s.point());
        assertEquals(Quality.GOOD, s.quality());
        assertEquals(T, s.time());
        assertEquals(expected, s.value(), 1e-9);
    }

    @org.junit.jupiter.api.Test
    void aFloatRegisterHoldingNanGivesABadSample() {
        PointDefinition p = pt(Quantity.VOLTAGE_L1_N, RegisterFunction.HOLDING, 0, DataType.FLOAT32, WordOrder.ABCD, 1, -1);
        // 0x7FC00000 is the canonical FLOAT32 NaN, as some meters report "no value".
        Sample s = PointDecoder.decode("m1", new ReadRequest(RegisterFunction.HOLDING, 0, 2, List.of(p)), p,
                new int[] {0x7FC0, 0x0000}, T);
        assertEquals(Quality.BAD, s.quality());
        assertEquals("non-finite value NaN", s.reason());
        Sample located = PointDecoder.decode("m1", 7, new ReadRequest(RegisterFunction.HOLDING, 0, 2, List.of(p)), p,
                new int[] {0x7FC0, 0x0000}, T);
        assertEquals("non-finite value NaN from unit 7, FC 03 at 0 (0x0000) count 2", located.reason());
    }

    @org.junit.jupiter.api.Test
    void aNegativeCounterReadingGivesABadSampleAndANegativePowerDoesNot() {
        // INT32 0xFFFFFF9C = -100, scale 0.1: -10.0 kWh from an energy counter is no reading (issue 14)
        PointDefinition energy = pt(Quantity.ACTIVE_ENERGY_IMPORT, RegisterFunction.HOLDING, 0, DataType.INT32,
                WordOrder.ABCD, 0.1, -1);
        Sample s = PointDecoder.decode("m1", 3, new ReadRequest(RegisterFunction.HOLDING, 0, 2, List.of(energy)), energy,
                new int[] {0xFFFF, 0xFF9C}, T);
        assertEquals(Quality.BAD, s.quality());
        assertEquals("negative counter reading -10.0 (a cumulative register never reads below 0) from unit 3, FC 03 at 0 "
                + "(0x0000) count 2", s.reason());
        PointDefinition power = pt(Quantity.ACTIVE_POWER, RegisterFunction.HOLDING, 0, DataType.INT32, WordOrder.ABCD,
                0.1, -1);
        assertEquals(Quality.GOOD, PointDecoder.decode("m1", new ReadRequest(RegisterFunction.HOLDING, 0, 2,
                List.of(power)), power, new int[] {0xFFFF, 0xFF9C}, T).quality());
    }

    /** The planner's reads decode the test meter's registers to the values computed by hand. */
    @org.junit.jupiter.api.Test
    void plannedReadsOfTheTestMeterDecodeToItsKnownValues() {
        DeviceProfile profile = TestProfiles.testMeter();
        int[] holding = {17254, 32768, 0, 16708, 0, 0, 65517, 10617, 0, 0, 9, 0};
        int[] input = {24910, 188, 0, 0, 5002};
        int[] coils = {1};
        for (ReadRequest r : RequestPlanner.plan(profile.points(), profile)) {
            int[] table = switch (r.function()) {
                case HOLDING -> holding;
                case INPUT -> input;
                case COIL -> coils;
                case DISCRETE -> throw new AssertionError("no discrete points in the test meter");
            };
            int[] response = java.util.Arrays.copyOfRange(table, r.start(), r.end());
            for (PointDefinition p : r.points()) {
                Sample s = PointDecoder.decode("m1", r, p, response, T);
                assertEquals(TestProfiles.TEST_METER_VALUES.get(p.name()), s.value(), 1e-9, p.name());
            }
        }
    }
}
