package io.wattline.fleet.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which band a point reports by: the group file's for its quantity, else its profile's, else every change. */
class DeadbandTest {

    private static final PointId VOLTS = new PointId("m1", "voltage_l1_n");
    private static final PointId POWER = new PointId("m1", "active_power");
    private static final PointId ENERGY = new PointId("m1", "active_energy_import");

    @Test
    void theGroupFileWinsOverTheProfileAndTheProfileOverEveryChange() {
        Deadband d = Deadband.of(Map.of(Quantity.ACTIVE_POWER, 1.0),
                Map.of(VOLTS, 0.5, POWER, 0.1));
        assertEquals(0.5, d.band(VOLTS, Quantity.VOLTAGE_L1_N), "the profile's band");
        assertEquals(1.0, d.band(POWER, Quantity.ACTIVE_POWER), "the group file's band for the quantity wins");
        assertEquals(0.0, d.band(new PointId("m2", "voltage_l1_n"), Quantity.VOLTAGE_L1_N), "no band: every change");

        assertFalse(d.exceeded(VOLTS, Quantity.VOLTAGE_L1_N, 230.0, 230.5), "a move of exactly the band is not reported");
        assertTrue(d.exceeded(VOLTS, Quantity.VOLTAGE_L1_N, 230.0, 230.6));
        assertFalse(d.exceeded(POWER, Quantity.ACTIVE_POWER, 10.0, 10.9));
        assertTrue(d.exceeded(POWER, Quantity.ACTIVE_POWER, 10.0, 11.1));
    }

    @Test
    void countersReportEveryChangeWhateverTheBands() {
        Deadband d = Deadband.of(Map.of(Quantity.ACTIVE_ENERGY_IMPORT, 5.0), Map.of(ENERGY, 5.0));
        assertEquals(0.0, d.band(ENERGY, Quantity.ACTIVE_ENERGY_IMPORT));
        assertTrue(d.exceeded(ENERGY, Quantity.ACTIVE_ENERGY_IMPORT, 1000.0, 1000.001));
        assertFalse(d.exceeded(ENERGY, Quantity.ACTIVE_ENERGY_IMPORT, 1000.0, 1000.0));
    }

    @Test
    void aValueAppearingOrVanishingIsAlwaysAChange() {
        Deadband d = Deadband.of(Map.of(), Map.of(VOLTS, 0.5));
        assertTrue(d.exceeded(VOLTS, Quantity.VOLTAGE_L1_N, Double.NaN, 230.0));
        assertTrue(d.exceeded(VOLTS, Quantity.VOLTAGE_L1_N, 230.0, Double.NaN));
        assertFalse(d.exceeded(VOLTS, Quantity.VOLTAGE_L1_N, Double.NaN, Double.NaN));
    }

    @Test
    void aNegativeOrEndlessBandIsRefusedNamingThePoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Deadband.of(Map.of(), Map.of(VOLTS, -1.0)));
        assertTrue(e.getMessage().contains("m1.voltage_l1_n"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Deadband.of(Map.of(Quantity.VOLTAGE_L1_N, Double.POSITIVE_INFINITY), Map.of()));
    }
}
