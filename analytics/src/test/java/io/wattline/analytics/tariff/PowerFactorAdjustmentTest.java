package io.wattline.analytics.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.TariffFileLoader;
import io.wattline.core.tariff.PowerFactorAdjustment;
import io.wattline.core.tariff.PowerFactorAdjustment.Row;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerFactorAdjustmentTest {

    private static final PowerFactorAdjustment GUANGDONG =
            TariffFileLoader.bundled("guangdong-2021").powerFactorAdjustment().orElseThrow();

    /** Expected percents hand-computed from the 1983 table for standard 0.90. */
    @ParameterizedTest(name = "{0} kWh, {1} kvarh -> cos phi {2} -> {3} %")
    @CsvSource({
        "100000, 60000,  0.86,  2.0",    // 0.8575 -> 0.86: 4 hundredths below 0.90 x 0.5 %
        "80000,  60000,  0.80,  5.0",    // 3-4-5 triangle: exactly 0.80
        "60000,  80000,  0.60, 25.0",    // 10 % to 0.70, +5 % to 0.65, +2 % x 5 to 0.60
        "100000, 32868,  0.95, -0.75",   // 0.950001 -> 0.95
        "100000, 0,      1.00, -0.75",   // 0.95-1.00 share one row
        "100000, 45000,  0.91, -0.15",   // 0.9119 -> 0.91
        "100000, 48000,  0.90,  0.0",    // 0.9015 -> 0.90
        "100000, 49000,  0.90,  0.0",    // 0.8980 -> 0.90: rounding to 0.01 spares it
        "100000, 102000, 0.70, 10.0",    // 0.70007 -> 0.70
        "100000, 110000, 0.67, 13.0",    // 0.6727 -> 0.67: 10 % + 3 x 1 %
    })
    void monthlyPowerFactorAndPercent(double kwh, double kvarh, double pf, double percent) {
        assertEquals(pf, PowerFactorCalculator.monthlyPowerFactor(kwh, kvarh), 1e-9);
        PowerFactorCalculator.MonthlyAdjustment m = PowerFactorCalculator.adjust(GUANGDONG, kwh, kvarh, 100_000.0);
        assertEquals(pf, m.powerFactor(), 1e-9);
        assertEquals(percent, m.percent(), 1e-9);
        assertEquals(1000.0 * percent, m.adjustment(), 1e-6);
        assertEquals(0.90, m.standard(), 0);
    }

    @Test
    void roundsHalfUpToTwoDecimals() {
        assertEquals(2.0, GUANGDONG.percent(0.855), 1e-9);   // -> 0.86
        assertEquals(2.5, GUANGDONG.percent(0.8549), 1e-9);  // -> 0.85
        assertEquals(17.0, GUANGDONG.percent(0.64), 1e-9);   // first step below the table
    }

    @Test
    void appliesToTheGivenChargeBase() {
        // energy 60 000 CNY + demand 40 000 CNY at cos phi 0.86: +2 % = 2 000 CNY
        PowerFactorCalculator.MonthlyAdjustment m = PowerFactorCalculator.adjust(GUANGDONG, 100_000, 60_000, 60_000 + 40_000);
        assertEquals(100_000.0, m.chargeBase(), 0);
        assertEquals(2_000.0, m.adjustment(), 1e-6);
        assertEquals(0.8575, m.powerFactorExact(), 1e-4);
    }

    @Test
    void refusesMonthsWithoutActiveEnergy() {
        assertThrows(IllegalArgumentException.class, () -> PowerFactorCalculator.monthlyPowerFactor(0, 10));
        assertThrows(IllegalArgumentException.class, () -> PowerFactorCalculator.monthlyPowerFactor(10, -1));
    }

    @Test
    void tableMustBeContiguousAndZeroAtTheStandard() {
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> new PowerFactorAdjustment(
                0.90, List.of(new Row(0.91, -0.15), new Row(0.88, 1.0),
                        new Row(0.90, 0)), 2.0, "test"));
        assertTrue(gap.getMessage().contains("no row for 0.89"), gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PowerFactorAdjustment(0.90,
                List.of(new Row(0.90, 1.0)), 2.0, "test"));
        assertThrows(IllegalArgumentException.class, () -> new PowerFactorAdjustment(0.90,
                List.of(new Row(0.90, 0), new Row(0.88, 1.0)), 2.0, "test"));
    }

    @Test
    void tariffsWithoutTheBlockHaveNoAdjustment() {
        assertTrue(TariffFileLoader.bundled("sichuan-2023").powerFactorAdjustment().isEmpty());
    }
}
