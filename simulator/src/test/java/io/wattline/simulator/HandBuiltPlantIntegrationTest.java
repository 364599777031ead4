package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.wattline.core.Quantity;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.codec.RegisterCodec;
import io.wattline.testkit.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A plant built in code with a hand-made profile and no load-model file: every meter gets the
 * default model of its carrier, and configured ports (with an offset) are honoured.
 */
@Tag("integration")
class HandBuiltPlantIntegrationTest {

    private static final DeviceProfile PROFILE = TestProfiles.meter();

    static Plant plant(int port) {
        ShiftCalendar shifts = new ShiftCalendar(
                List.of(new Shift("day", "Day", LocalTime.of(6, 0), LocalTime.of(18, 0)),
                        new Shift("night", "Night", LocalTime.of(18, 0), LocalTime.of(6, 0))),
                List.of(), LocalDate.of(2026, 1, 1), List.of());
        Meter a = new Meter("press", "Press", PROFILE.id(), "bus", 5, EnergyCarrier.ELECTRICITY, null, null, null,
                null, null, Map.of());
        Meter b = new Meter("hall-temp", "Hall", PROFILE.id(), "bus", 6, EnergyCarrier.NONE, null, null, null,
                null, null, Map.of());
        return new Plant("test plant", ZoneId.of("Europe/Berlin"), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(Connection.modbusTcp("bus", "10.0.0.9", port)), List.of(a, b), shifts,
                Optional.empty());
    }

    private static SimulatorOptions options(MutableClock clock) {
        return new SimulatorOptions("127.0.0.1", false, 0, 99L, clock, LoadModels.defaults());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void servesEveryTableOfTheProfileOnTheConfiguredPortPlusOffset() throws Exception {
        int free = freePort();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        Plant configured = plant(free - 7);
        try (PlantSimulator sim = PlantSimulator.start(configured, id -> Optional.of(PROFILE),
                options(clock).withPortOffset(7))) {
            Connection c = sim.plant().connection("bus").orElseThrow();
            assertEquals("127.0.0.1", c.host());
            assertEquals(free, c.port());
            ModbusTCPMaster master = new ModbusTCPMaster(c.host(), c.port(), 2000, false);
            master.connect();
            try {
                Register[] regs = master.readMultipleRegisters(5, 0, 10);
                int[] words = new int[regs.length];
                for (int i = 0; i < words.length; i++) {
                    words[i] = regs[i].getValue();
                }
                PointDefinition power = PROFILE.point("active_power").orElseThrow();
                PointDefinition energy = PROFILE.point("energy").orElseThrow();
                double kw = RegisterCodec.decode(power, words, 0);
                assertTrue(kw > 5 && kw < 100, "default electricity load " + kw + " kW");
                double kwh = RegisterCodec.decode(energy, words, energy.address());
                double truth = sim.model().truth("press", Quantity.ACTIVE_ENERGY_IMPORT);
                // UINT32 in 0.01 kWh wrapping at 999999: the register shows the truth modulo 10000 kWh
                assertEquals(Math.floor(truth * 100) / 100 % 10_000, kwh, 1e-6);

                BitVector coils = master.readCoils(5, 0, 2);
                assertArrayEquals(new boolean[] {false, false}, new boolean[] {coils.getBit(0), coils.getBit(1)});

                PointDefinition temp = PROFILE.point("temperature").orElseThrow();
                Register[] t = master.readMultipleRegisters(6, temp.address(), 1);
                double celsius = RegisterCodec.decode(temp, new int[] {t[0].getValue()}, 0);
                assertTrue(celsius > 15 && celsius < 30, "default temperature " + celsius);
            } finally {
                master.disconnect();
            }
            // the configured port is now taken: a second simulator on it fails and names it
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> PlantSimulator.start(configured, id -> Optional.of(PROFILE), options(clock).withPortOffset(7)));
            assertTrue(e.getMessage().contains(String.valueOf(free)), e.getMessage());
        }
    }

    @Test
    void rtuOverTcpConnectionsSpeakRtuFrames() throws Exception {
        Plant tcp = plant(0);
        Connection c0 = tcp.connections().get(0);
        Plant rtu = tcp.withConnections(List.of(new Connection(c0.id(), ConnectionType.MODBUS_RTU_OVER_TCP, "10.0.0.9",
                4001, null, 0, null, 0, java.time.Duration.ofSeconds(1), 1)));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        try (PlantSimulator sim = PlantSimulator.start(rtu, id -> Optional.of(PROFILE),
                SimulatorOptions.ephemeral().withClock(clock).withLoadModels(LoadModels.defaults()))) {
            Connection c = sim.plant().connection("bus").orElseThrow();
            assertEquals(ConnectionType.MODBUS_RTU_OVER_TCP, c.type());
            ModbusTCPMaster master = new ModbusTCPMaster(c.host(), c.port(), 2000, false, true);
            master.connect();
            try {
                PointDefinition temp = PROFILE.point("temperature").orElseThrow();
                Register[] t = master.readMultipleRegisters(6, temp.address(), 1);
                double celsius = RegisterCodec.decode(temp, new int[] {t[0].getValue()}, 0);
                assertEquals(sim.model().value("hall-temp", Quantity.TEMPERATURE), celsius, 0.05 + 1e-9);
            } finally {
                master.disconnect();
            }
        }
    }

    @Test
    void unknownProfileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlantSimulator.start(
                plant(0), id -> Optional.empty(), SimulatorOptions.ephemeral().withLoadModels(LoadModels.defaults())));
        assertTrue(e.getMessage().contains("press") && e.getMessage().contains("test/meter"), e.getMessage());
    }
}
