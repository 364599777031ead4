package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wattline.core.Quantity;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.codec.FrameException;
import io.wattline.profiles.codec.ModbusFrames;
import io.wattline.profiles.codec.ReadRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The timed bus with a plain Java master on its pty: answers by unit id, wire-time lower bounds,
 * dead, slow and garbling slaves. Only lower bounds on time are asserted (the machine is shared).
 */
@Tag("integration")
class Rs485BusEmulatorIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    @BeforeAll
    static void requireSocat() {
        if (!Rs485BusEmulator.socatAvailable()) {
            String message = "socat is not installed: apt-get install -y socat";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (required when CI=true)");
            }
            Assumptions.abort(message);
        }
    }

    static SimulatedDevice meter(int unitId, double power) {
        Map<Quantity, Double> readings = Map.of(Quantity.ACTIVE_POWER, power, Quantity.ACTIVE_ENERGY_IMPORT, 1234.56,
                Quantity.TEMPERATURE, 21.5, Quantity.VOLTAGE_L1_N, 230.1);
        return new SimulatedDevice("meter-" + unitId, unitId, new RegisterImage(TestProfiles.meter(), Map.of()),
                () -> readings);
    }

    private static int[] expectedRegisters(SimulatedDevice d, int start, int count) throws Exception {
        return d.registers(RegisterFunction.HOLDING, start, count);
    }

    @Test
    void oneExchangeAt9600TakesAtLeastItsWireTime() throws Exception {
        SimulatedDevice device = meter(1, 4321.5);
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(9600, List.of(device));
                PtyMaster master = new PtyMaster(bus.masterDevice())) {
            ReadRequest read = new ReadRequest(1, RegisterFunction.HOLDING, 0, 10);
            int responseBytes = BusTiming.readResponseBytes(10);
            // request, t3.5, turnaround, response: the master cannot have its answer sooner
            long lowerBound = bus.timing().bytesNanos(8) + bus.timing().silenceNanos()
                    + Rs485BusEmulator.DEFAULT_TURNAROUND.toNanos() + bus.timing().bytesNanos(responseBytes);
            assertEquals(8 * 11 * 1e9 / 9600 + 3.5 * 11 * 1e9 / 9600 + 5e6 + 25 * 11 * 1e9 / 9600, lowerBound, 3);
            for (int i = 0; i < 5; i++) {
                PtyMaster.Answer answer = master.exchange(ModbusFrames.rtuRequest(read), responseBytes, TIMEOUT);
                assertEquals(responseBytes, answer.bytes().length, "answer " + ModbusFrames.hex(answer.bytes()));
                assertArrayEquals(expectedRegisters(device, 0, 10), ModbusFrames.parseRtuRegisters(answer.bytes(), read));
                assertTrue(answer.elapsedNanos() >= lowerBound,
                        "exchange took " + answer.elapsedNanos() + " ns, wire time is " + lowerBound + " ns");
            }
            BusStatistics stats = bus.statistics();
            assertEquals(5, stats.requestFrames());
            assertEquals(5, stats.responseFrames());
            assertEquals(5 * 8, stats.bytesFromMaster());
            assertEquals(5 * 25, stats.bytesFromSlaves());
            assertEquals(bus.timing().bytesNanos(8) * 5 + bus.timing().bytesNanos(25) * 5, stats.characterTime().toNanos(), 10);
            assertEquals(5 * bus.timing().exchangeNanos(8, 25, Rs485BusEmulator.DEFAULT_TURNAROUND),
                    stats.exchangeTime().toNanos(), 10);
        }
    }

    @Test
    void backToBackExchangesKeepTheSilenceBetweenFrames() throws Exception {
        SimulatedDevice device = meter(7, 10.0);
        int n = 20;
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(
                Rs485BusEmulator.Settings.of(19200).withTurnaround(Duration.ofMillis(1)), List.of(device));
                PtyMaster master = new PtyMaster(bus.masterDevice())) {
            ReadRequest read = new ReadRequest(7, RegisterFunction.HOLDING, 0, 6);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                PtyMaster.Answer answer = master.exchange(ModbusFrames.rtuRequest(read), 17, TIMEOUT);
                assertEquals(17, answer.bytes().length);
            }
            long elapsed = System.nanoTime() - start;
            // every exchange but the last also waits t3.5 after its response before the next request
            long lowerBound = n * bus.timing().exchangeNanos(8, 17, Duration.ofMillis(1)) - bus.timing().silenceNanos();
            assertTrue(elapsed >= lowerBound, n + " exchanges took " + elapsed + " ns, wire time is " + lowerBound + " ns");
        }
    }

    @Test
    void severalSlavesAnswerOnlyForTheirOwnUnitId() throws Exception {
        List<SimulatedDevice> devices = List.of(meter(1, 100.0), meter(2, 200.0), meter(5, 500.0));
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(38400, devices);
                PtyMaster master = new PtyMaster(bus.masterDevice())) {
            assertEquals(java.util.Set.of(1, 2, 5), bus.unitIds());
            for (SimulatedDevice d : devices) {
                ReadRequest read = new ReadRequest(d.unitId(), RegisterFunction.HOLDING, 0, 2);
                PtyMaster.Answer answer = master.exchange(ModbusFrames.rtuRequest(read), 9, TIMEOUT);
                int[] words = ModbusFrames.parseRtuRegisters(answer.bytes(), read);
                assertEquals(d.unitId() * 100.0, Float.intBitsToFloat(words[0] << 16 | words[1]));
            }
            // unit 3 is not on the bus, unit 0 is broadcast: silence
            for (int unit : new int[] {3, 0}) {
                PtyMaster.Answer none = master.exchange(ModbusFrames.rtuRequest(
                        new ReadRequest(unit, RegisterFunction.HOLDING, 0, 2)), 9, Duration.ofMillis(150));
                assertEquals(0, none.bytes().length, "unit " + unit + " answered " + ModbusFrames.hex(none.bytes()));
            }
            assertEquals(2, bus.statistics().unanswered());
        }
    }

    @Test
    void deadSlowAndGarblingSlavesCanBeSwitchedAtRunTime() throws Exception {
        SimulatedDevice device = meter(3, 33.0);
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(9600, List.of(device, meter(4, 44.0)));
                PtyMaster master = new PtyMaster(bus.masterDevice())) {
            ReadRequest read = new ReadRequest(3, RegisterFunction.HOLDING, 0, 2);
            byte[] request = ModbusFrames.rtuRequest(read);

            bus.setBehaviour(3, SlaveBehaviour.dead());
            assertEquals(0, master.exchange(request, 9, Duration.ofMillis(200)).bytes().length);
            // its neighbour still answers
            ReadRequest other = new ReadRequest(4, RegisterFunction.HOLDING, 0, 2);
            assertEquals(9, master.exchange(ModbusFrames.rtuRequest(other), 9, TIMEOUT).bytes().length);

            bus.setBehaviour(3, SlaveBehaviour.slow(Duration.ofMillis(120)));
            PtyMaster.Answer slow = master.exchange(request, 9, TIMEOUT);
            assertEquals(9, slow.bytes().length);
            long bound = bus.timing().bytesNanos(8) + bus.timing().silenceNanos()
                    + Duration.ofMillis(125).toNanos() + bus.timing().bytesNanos(9);
            assertTrue(slow.elapsedNanos() >= bound, "slow slave answered after " + slow.elapsedNanos() + " ns < " + bound);

            bus.setBehaviour(3, SlaveBehaviour.garbling(1.0));
            for (int i = 0; i < 10; i++) {
                byte[] got = master.exchange(request, 9, Duration.ofMillis(120)).bytes();
                assertThrows(FrameException.class, () -> ModbusFrames.parseRtuRegisters(got, read),
                        "garbled answer parsed: " + ModbusFrames.hex(got));
            }
            assertEquals(10, bus.statistics().garbledResponses());

            bus.setBehaviour(3, SlaveBehaviour.normal());
            assertEquals(33.0f, Float.intBitsToFloat(registerPair(master.exchange(request, 9, TIMEOUT).bytes(), read)));
        }
    }

    @Test
    void aSlowAnswerTheMasterNoLongerWaitsForIsDroppedNotDeliveredLate() throws Exception {
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(19200, List.of(meter(1, 11.0), meter(2, 22.0)));
                PtyMaster master = new PtyMaster(bus.masterDevice())) {
            bus.setBehaviour(1, SlaveBehaviour.slow(Duration.ofMillis(300)));
            ReadRequest slow = new ReadRequest(1, RegisterFunction.HOLDING, 0, 2);
            assertEquals(0, master.exchange(ModbusFrames.rtuRequest(slow), 9, Duration.ofMillis(80)).bytes().length);
            // the master gives up and asks unit 2: it gets unit 2's answer, not unit 1's late one
            ReadRequest next = new ReadRequest(2, RegisterFunction.HOLDING, 0, 2);
            PtyMaster.Answer answer = master.exchange(ModbusFrames.rtuRequest(next), 9, TIMEOUT);
            assertEquals(22.0f, Float.intBitsToFloat(registerPair(answer.bytes(), next)));
            assertEquals(0, master.drain(Duration.ofMillis(400)).length, "nothing arrives after that");
            BusStatistics stats = bus.statistics();
            assertEquals(1, stats.droppedResponses());
            assertEquals(1, stats.responseFrames());
        }
    }

    private static int registerPair(byte[] answer, ReadRequest read) {
        int[] words = ModbusFrames.parseRtuRegisters(answer, read);
        return words[0] << 16 | words[1];
    }

    @Test
    void badCrcIsIgnoredAndReadsOutsideTheMapGetException2() throws Exception {
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(115200, List.of(meter(9, 1.0)));
                PtyMaster master = new PtyMaster(bus.masterDevice())) {
            byte[] request = ModbusFrames.rtuRequest(new ReadRequest(9, RegisterFunction.HOLDING, 0, 2));
            request[7] ^= 0x40;
            assertEquals(0, master.exchange(request, 9, Duration.ofMillis(100)).bytes().length);
            assertEquals(1, bus.statistics().badRequestFrames());

            ReadRequest outside = new ReadRequest(9, RegisterFunction.HOLDING, 8, 4);
            byte[] answer = master.exchange(ModbusFrames.rtuRequest(outside), 5, TIMEOUT).bytes();
            FrameException e = assertThrows(FrameException.class, () -> ModbusFrames.parseRtuRegisters(answer, outside));
            assertEquals(FrameException.Reason.EXCEPTION_RESPONSE, e.reason());
            assertEquals(2, e.exceptionCode());
            // the input table is served too
            ReadRequest input = new ReadRequest(9, RegisterFunction.INPUT, 100, 2);
            byte[] voltage = master.exchange(ModbusFrames.rtuRequest(input), 9, TIMEOUT).bytes();
            assertEquals(230.1f, Float.intBitsToFloat(registerPair(voltage, input)));
        }
    }

    @Test
    void duplicateUnitIdsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rs485BusEmulator.start(9600, List.of(meter(2, 1.0), meter(2, 2.0))));
        assertTrue(e.getMessage().contains("unit id 2"), e.getMessage());
    }
}
