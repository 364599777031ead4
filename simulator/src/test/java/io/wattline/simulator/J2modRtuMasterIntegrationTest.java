package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import com.fazecast.jSerialComm.SerialPort;
import io.wattline.profiles.RegisterFunction;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * j2mod's RTU master over jSerialComm, as the collector opens a serial bus, on the emulator's
 * master pty: values arrive intact, a dead slave times out while its neighbour keeps answering.
 */
@Tag("integration")
class J2modRtuMasterIntegrationTest {

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

    @Test
    void j2modReadsSlavesAndTimesOutOnADeadOne() throws Exception {
        SimulatedDevice one = Rs485BusEmulatorIntegrationTest.meter(1, 1500.25);
        SimulatedDevice two = Rs485BusEmulatorIntegrationTest.meter(2, -42.0);
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(9600, List.of(one, two))) {
            SerialParameters params = new SerialParameters();
            params.setPortName(bus.masterDevice());
            params.setBaudRate(9600);
            params.setDatabits(8);
            params.setParity(SerialPort.NO_PARITY);
            params.setStopbits(SerialPort.TWO_STOP_BITS);
            params.setEncoding("rtu");
            ModbusSerialMaster master = new ModbusSerialMaster(params, 300);
            master.connect();
            try {
                Register[] words = master.readMultipleRegisters(1, 0, 10);
                int[] expected = one.registers(RegisterFunction.HOLDING, 0, 10);
                for (int i = 0; i < 10; i++) {
                    assertEquals(expected[i], words[i].getValue(), "register " + i);
                }
                Register[] power = master.readMultipleRegisters(2, 0, 2);
                assertEquals(-42.0f, Float.intBitsToFloat(power[0].getValue() << 16 | power[1].getValue()));

                bus.setBehaviour(2, SlaveBehaviour.dead());
                assertThrows(ModbusException.class, () -> master.readMultipleRegisters(2, 0, 2));
                assertEquals(10, master.readMultipleRegisters(1, 0, 10).length);
                bus.setBehaviour(2, SlaveBehaviour.normal());
                assertEquals(2, master.readMultipleRegisters(2, 0, 2).length);
                assertTrue(bus.statistics().unanswered() >= 1);
            } finally {
                master.disconnect();
            }
            // a master that closes the port and opens it again (as after a link error) finds the bus as before
            ModbusSerialMaster again = new ModbusSerialMaster(params, 300);
            again.connect();
            try {
                Register[] power = again.readMultipleRegisters(1, 0, 2);
                assertEquals(1500.25f, Float.intBitsToFloat(power[0].getValue() << 16 | power[1].getValue()));
            } finally {
                again.disconnect();
            }
        }
    }

    @Test
    void rtuOverTcpThroughTheGatewayMeetsTheSameTimedBus() throws Exception {
        SimulatedDevice one = Rs485BusEmulatorIntegrationTest.meter(1, 77.0);
        try (Rs485BusEmulator bus = Rs485BusEmulator.start(9600, List.of(one))) {
            InetSocketAddress gateway = bus.startTcpGateway("127.0.0.1", 0);
            ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", gateway.getPort(), 1000, false, true);
            master.connect();
            try {
                long start = System.nanoTime();
                Register[] words = master.readMultipleRegisters(1, 0, 10);
                long elapsed = System.nanoTime() - start;
                assertEquals(77.0f, Float.intBitsToFloat(words[0].getValue() << 16 | words[1].getValue()));
                long wire = bus.timing().bytesNanos(8) + bus.timing().silenceNanos()
                        + Rs485BusEmulator.DEFAULT_TURNAROUND.toNanos() + bus.timing().bytesNanos(25);
                assertTrue(elapsed >= wire, "read over the gateway took " + elapsed + " ns, wire time " + wire + " ns");
                assertEquals(1, bus.statistics().responseFrames());
            } finally {
                master.disconnect();
            }
        }
    }
}
