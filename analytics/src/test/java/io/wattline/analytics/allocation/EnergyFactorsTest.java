package io.wattline.analytics.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.EnergyCarrier;
import org.junit.jupiter.api.Test;

class EnergyFactorsTest {

    private final EnergyFactors f = EnergyFactors.gbt2589Defaults();

    @Test
    void convertsEachCarrierInItsOwnUnit() {
        // 1000 kWh × 0.1229 = 122.9 kgce
        assertEquals(122.9, f.kgce(EnergyCarrier.ELECTRICITY, "kWh", 1000).orElseThrow(), 1e-9);
        assertEquals(1000, f.kwhEquivalent(EnergyCarrier.ELECTRICITY, "kWh", 1000).orElseThrow(), 1e-12);
        // 1000 m3 gas × 1.2143 = 1214.3 kgce = 1214.3 / 0.1229 = 9880.39 kWh
        assertEquals(1214.3, f.kgce(EnergyCarrier.NATURAL_GAS, "m3", 1000).orElseThrow(), 1e-9);
        assertEquals(1214.3 / 0.1229, f.kwhEquivalent(EnergyCarrier.NATURAL_GAS, "m3", 1000).orElseThrow(), 1e-9);
        // 2 t steam × 128.6 = 257.2 kgce; 100 m3 air × 0.04 = 4 kgce
        assertEquals(257.2, f.kgce(EnergyCarrier.STEAM, "t", 2).orElseThrow(), 1e-9);
        assertEquals(4.0, f.kgce(EnergyCarrier.COMPRESSED_AIR, "m3", 100).orElseThrow(), 1e-9);
    }

    @Test
    void neverConvertsAWrongUnitAndLeavesWaterOutByDefault() {
        assertTrue(f.kgce(EnergyCarrier.STEAM, "m3", 5).isEmpty(), "steam metered by volume has no factor");
        assertTrue(f.kgce(EnergyCarrier.WATER, "m3", 5).isEmpty());
        // 100 m3 fresh water × 0.0857 = 8.57 kgce when the plant counts it as a working medium
        assertEquals(8.57, f.withWaterAsWorkingMedium().kgce(EnergyCarrier.WATER, "m3", 100).orElseThrow(), 1e-9);
    }
}
