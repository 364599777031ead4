package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.wattline.core.Quantity;
import io.wattline.core.plant.Connection;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.codec.RegisterCodec;
import io.wattline.testkit.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The demo plant's slaves on ephemeral loopback ports, read over real TCP by j2mod's master. */
@Tag("integration")
class ModbusSlaveIntegrationTest {

    private static final ProfileCatalog PROFILES = ProfileCatalog.builtIn();
    private static MutableClock clock;
    private static PlantSimulator simulator;
    private ModbusTCPMaster main;
    private ModbusTCPMaster utilities;

    @BeforeAll
    static void start() {
        clock = new MutableClock(LocalDate.of(2026, 3, 2).atTime(9, 0).atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toInstant());
        simulator = DemoPlant.start(SimulatorOptions.ephemeral().withClock(clock));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void connect() throws Exception {
        main = master("gw-main");
        utilities = master("gw-utilities");
    }

    @AfterEach
    void disconnect() {
        main.disconnect();
        utilities.disconnect();
    }

    private static ModbusTCPMaster master(String connectionId) throws Exception {
        Connection c = simulator.plant().connection(connectionId).orElseThrow();
        assertEquals("127.0.0.1", c.host());
        assertNotEquals(1502, c.port(), "ephemeral ports, not the configured one");
        ModbusTCPMaster m = new ModbusTCPMaster(c.host(), c.port(), 2000, false);
        m.connect();
        return m;
    }

    private static PointDefinition point(String profile, String name) {
        DeviceProfile p = PROFILES.require(profile);
        return p.point(name).orElseThrow();
    }

    private static int[] words(InputRegister[] registers) {
        int[] w = new int[registers.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = registers[i].getValue();
        }
        return w;
    }

    /** Reads one point of a holding-register profile and decodes it. */
    private static double readHolding(ModbusTCPMaster m, int unit, PointDefinition p) throws Exception {
        return RegisterCodec.decode(p, words(m.readMultipleRegisters(unit, p.address(), p.length())), 0);
    }

    @Test
    void mainIncomerShowsPlausibleValuesThatMatchTheModel() throws Exception {
        PointDefinition power = point("chint/dtsu666", "active_power");
        PointDefinition voltage = point("chint/dtsu666", "voltage_l1_n");
        // one block read over the contiguous range Uab..Qc, as a collector would plan it
        int[] block = words(main.readMultipleRegisters(1, 0x2000, 0x22));
        double kw = RegisterCodec.decode(power, block, power.address() - 0x2000);
        double volts = RegisterCodec.decode(voltage, block, voltage.address() - 0x2000);
        assertTrue(kw > 100 && kw < 1000, "main incomer at 09:00: " + kw + " kW");
        assertTrue(volts > 220 && volts < 240, "L1-N " + volts + " V");
        // FLOAT32 in 0.1 W: the decoded value is the model's, to float precision
        assertEquals(simulator.model().value("main-incomer", Quantity.ACTIVE_POWER), kw, kw * 1e-6);
    }

    @Test
    void powerChangesAndEnergyGrowsByTheModelsIntegral() throws Exception {
        PointDefinition power = point("chint/dtsu666", "active_power");
        PointDefinition energy = point("chint/dtsu666", "active_energy_import");
        double kw1 = readHolding(main, 3, power);
        double kwh1 = readHolding(main, 3, energy);
        double truth1 = simulator.model().truth("line2-power", Quantity.ACTIVE_ENERGY_IMPORT);
        clock.advance(Duration.ofMinutes(7).plusMillis(250));
        double kw2 = readHolding(main, 3, power);
        double kwh2 = readHolding(main, 3, energy);
        double truth2 = simulator.model().truth("line2-power", Quantity.ACTIVE_ENERGY_IMPORT);
        assertNotEquals(kw1, kw2, "power of the welding line changes between reads");
        assertTrue(truth2 - truth1 > 1, "7 minutes of a running line: " + (truth2 - truth1) + " kWh");
        // FLOAT32 kWh around 1e5..1e6 resolves to 1/64..1/8 kWh
        assertEquals(truth2 - truth1, kwh2 - kwh1, 0.25);
        assertEquals(truth2, kwh2, 0.125);
    }

    @Test
    void inputRegisterMeterAndWordSwappedFlowMeterDecode() throws Exception {
        PointDefinition voltage = point("eastron/sdm630", "voltage_l2_n");
        int[] all = words(main.readInputRegisters(2, 0, 0x4C));
        double v = RegisterCodec.decode(voltage, all, voltage.address());
        assertTrue(v > 220 && v < 240, "sdm630 L2-N " + v + " V");

        // the steam meter: input registers, FLOAT32 ABCD in the meter's "Internal" units (lbm/s, psia)
        PointDefinition massFlow = point("sierra/innovamass-240", "mass_flow");
        PointDefinition pressure = point("sierra/innovamass-240", "pressure");
        int[] process = words(utilities.readInputRegisters(13, 4, 6));
        double steam = RegisterCodec.decode(massFlow, process, massFlow.address() - 4);
        assertEquals(simulator.model().value("boiler-steam", Quantity.MASS_FLOW), steam, steam * 1e-6);
        assertTrue(steam > 0.5 && steam < 4, "steam " + steam + " t/h");
        double kpa = RegisterCodec.decode(pressure, process, pressure.address() - 4);
        assertTrue(kpa > 1100 && kpa < 1300, "steam at " + kpa + " kPa(a)");
        // the compressed-air meter: holding registers, FLOAT32 CDAB (word-swapped)
        PointDefinition airPressure = point("suto/s430", "pressure");
        double air = readHolding(utilities, 14, airPressure);
        assertEquals(simulator.model().value("compressed-air", Quantity.PRESSURE), air, air * 1e-6);
        assertTrue(air > 600 && air < 800, "compressed air at " + air + " kPa(g)");
        // the gas meter's total is a FLOAT32: the model's exact total to float precision
        PointDefinition total = point("bell/vfm60", "volume_total");
        double gas = readHolding(utilities, 12, total);
        double truth = simulator.model().truth("boiler-gas", Quantity.VOLUME);
        assertEquals(truth, gas, Math.ulp((float) truth));
    }

    @Test
    void readsOutsideTheReadableRangesGetIllegalDataAddress() {
        ModbusSlaveException before = assertThrows(ModbusSlaveException.class,
                () -> main.readMultipleRegisters(1, 0, 2));
        assertEquals(2, before.getType());
        ModbusSlaveException across = assertThrows(ModbusSlaveException.class,
                () -> main.readMultipleRegisters(1, 0x2020, 4));
        assertEquals(2, across.getType());
        ModbusSlaveException wrongTable = assertThrows(ModbusSlaveException.class,
                () -> main.readInputRegisters(1, 0x2000, 2));
        assertEquals(2, wrongTable.getType());
    }

    @Test
    void twoSimulatorsGetTheirOwnPorts() {
        try (PlantSimulator second = DemoPlant.start(SimulatorOptions.ephemeral().withClock(clock))) {
            Connection a = simulator.plant().connection("gw-main").orElseThrow();
            Connection b = second.plant().connection("gw-main").orElseThrow();
            assertNotEquals(a.port(), b.port());
            assertNotSame(simulator.model(), second.model());
        }
    }
}
