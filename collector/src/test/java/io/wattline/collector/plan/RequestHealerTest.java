package io.wattline.collector.plan;

import static io.wattline.collector.support.TestProfiles.point;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.profiles.DataType;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Healing a refused read against a device in memory that refuses chosen registers (exception 02) or
 * reads longer than a limit (03): what is refused, what is read, in how many requests, and that every
 * value comes from its own registers.
 */
class RequestHealerTest {

    private static final RegisterFunction H = RegisterFunction.HOLDING;

    private static PointDefinition f32(String name, int address) {
        return point(name, H, address, DataType.FLOAT32);
    }

    private static ReadRequest span(List<PointDefinition> points) {
        int start = points.get(0).address();
        int end = points.get(points.size() - 1).end();
        return new ReadRequest(H, start, end - start, points);
    }

    private static List<String> reads(RequestHealer.Outcome outcome) {
        return outcome.accepted().stream().map(a -> a.request().start() + "+" + a.request().count()).toList();
    }

    @Test
    void aRefusedGapBetweenTwoPointsIsLearnedAndBothPointsAreReadAlone() throws Exception {
        // The DTSU666 case: energies at 401EH and 4028H joined across 4020H..4027H, which this meter refuses.
        PointDefinition imported = f32("active_energy_import", 0x401E);
        PointDefinition exported = f32("active_energy_export", 0x4028);
        RefusingDevice device = new RefusingDevice(Set.copyOf(IntStream.range(0x4020, 0x4028).boxed().toList()), 125);
        ReadRequest joined = span(List.of(imported, exported));

        RequestHealer.Outcome outcome = RequestHealer.heal(joined, ModbusReadException.exceptionCode(2), device, 125);

        assertEquals(List.of(0x401E + "+2", 0x4028 + "+2"), reads(outcome));
        assertTrue(outcome.refused().isEmpty(), "both points are served alone");
        assertEquals(List.of(new RegisterRange(H, 0x4020, 0x4028)), outcome.unreadable());
        assertNull(outcome.maxRegisters());
        assertEquals(2, outcome.reads(), "each half once; the join is the read already refused: " + device.asked);
        assertArrayEquals(new int[] {0x4028, 0x4029}, outcome.accepted().get(1).values());
    }

    @Test
    void aPointRefusedEvenAloneIsFoundAndTheRestIsReadInTheLargestAcceptedReads() throws Exception {
        List<PointDefinition> points = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            points.add(f32("p" + i, 2 * i));
        }
        RefusingDevice device = new RefusingDevice(Set.of(6, 7), 125); // p3's registers

        RequestHealer.Outcome outcome = RequestHealer.heal(span(points), ModbusReadException.exceptionCode(2), device,
                125);

        assertEquals(List.of(points.get(3)), List.copyOf(outcome.refused().keySet()));
        assertEquals(2, outcome.refused().get(points.get(3)).cause().exceptionCode());
        assertEquals(List.of("0+6", "8+8"), reads(outcome), "p0..p2 joined again, p4..p7 as one read");
        assertTrue(outcome.unreadable().isEmpty());
        for (RequestHealer.Accepted a : outcome.accepted()) {
            for (int i = 0; i < a.values().length; i++) {
                assertEquals(a.request().start() + i, a.values()[i], "values come from their own registers");
            }
        }
    }

    @Test
    void aReadTooLongForTheDeviceTeachesItsLimit() throws Exception {
        List<PointDefinition> points = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            points.add(f32("p" + i, 2 * i));
        }
        RefusingDevice device = new RefusingDevice(Set.of(), 8);

        RequestHealer.Outcome outcome = RequestHealer.heal(span(points), ModbusReadException.exceptionCode(3), device,
                125);

        assertEquals(List.of("0+8", "8+8"), reads(outcome));
        assertEquals(8, outcome.maxRegisters());
        assertTrue(outcome.refused().isEmpty() && outcome.unreadable().isEmpty());
    }

    @Test
    void aLonePointThatWasRefusedIsRefusedWithoutAnotherRead() throws Exception {
        PointDefinition only = f32("only", 100);
        RefusingDevice device = new RefusingDevice(Set.of(100), 125);

        RequestHealer.Outcome outcome = RequestHealer.heal(span(List.of(only)), ModbusReadException.exceptionCode(2),
                device, 125);

        assertEquals(Set.of(only), outcome.refused().keySet());
        assertTrue(outcome.accepted().isEmpty());
        assertEquals(0, outcome.reads());
    }

    @Test
    void aDeviceThatStopsAnsweringWhileHealingStopsIt() {
        List<PointDefinition> points = List.of(f32("a", 0), f32("b", 2));
        RefusingDevice device = new RefusingDevice(Set.of(), 125);
        device.silent = true;

        ModbusReadException e = assertThrows(ModbusReadException.class, () -> RequestHealer.heal(span(points),
                ModbusReadException.exceptionCode(2), device, 125));
        assertEquals(ModbusReadException.Kind.TIMEOUT, e.kind());
    }
}
