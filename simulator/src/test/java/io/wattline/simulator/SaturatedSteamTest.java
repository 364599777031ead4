package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Saturated steam against values of the IAPWS-IF97 steam tables. */
class SaturatedSteamTest {

    @Test
    void saturationTemperatureMatchesTheSteamTables() {
        assertEquals(99.97, SaturatedSteam.temperature(101.325), 0.01);
        assertEquals(151.83, SaturatedSteam.temperature(500), 0.01);
        assertEquals(179.88, SaturatedSteam.temperature(1000), 0.01);
        assertEquals(187.96, SaturatedSteam.temperature(1200), 0.01);
        assertEquals(212.38, SaturatedSteam.temperature(2000), 0.01);
    }

    @Test
    void specificVolumeIsWithinOnePercentOfTheSteamTables() {
        double[][] table = {{500, 0.3748}, {1000, 0.1944}, {1100, 0.1775}, {1300, 0.1512}, {1500, 0.1318},
            {2000, 0.0996}};
        for (double[] row : table) {
            assertEquals(row[1], SaturatedSteam.specificVolume(row[0]), 0.01 * row[1], row[0] + " kPa(a)");
        }
    }
}
