package io.wattline.analytics.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ordinary least squares against regressions computed by hand (arithmetic in the comments). */
class LinearBaselineTest {

    private static BaselineObservation obs(String label, double y, double... x) {
        return new BaselineObservation(label, y, x);
    }

    @Test
    void oneVariableByHand() {
        // x = 1,2,3,4; y = 2,4,5,4. x̄ = 2.5, ȳ = 3.75.
        // Sxy = (−1.5)(−1.75) + (−0.5)(0.25) + (0.5)(1.25) + (1.5)(0.25) = 2.625 − 0.125 + 0.625 + 0.375 = 3.5
        // Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5  →  b = 3.5 / 5 = 0.7, a = 3.75 − 0.7 × 2.5 = 2.0
        // fitted 2.7, 3.4, 4.1, 4.8; residuals −0.7, 0.6, 0.9, −0.8; SSres = 0.49 + 0.36 + 0.81 + 0.64 = 2.30
        // SStot = 3.0625 + 0.0625 + 1.5625 + 0.0625 = 4.75  →  R² = 1 − 2.30 / 4.75 = 0.515789...
        BaselineModel m = LinearBaseline.fit(List.of("production"),
                List.of(obs("w1", 2, 1), obs("w2", 4, 2), obs("w3", 5, 3), obs("w4", 4, 4)));
        assertEquals(2.0, m.intercept(), 1e-12);
        assertArrayEquals(new double[] {0.7}, m.coefficients(), 1e-12);
        assertEquals(1 - 2.30 / 4.75, m.rSquared(), 1e-12);
        assertEquals(4, m.observations());
        // reporting period: production 5, actual 6 → expected 2 + 0.7 × 5 = 5.5, +0.5, +9.0909 %
        BaselineDeviation d = m.deviation(List.of(obs("w5", 6, 5)));
        assertEquals(5.5, d.expected(), 1e-12);
        assertEquals(0.5, d.difference(), 1e-12);
        assertEquals(100.0 * 0.5 / 5.5, d.percent(), 1e-9);
        // two reporting periods sum: x = 5 and 1, actual 6 + 2 = 8; expected 5.5 + 2.7 = 8.2 → −0.2, −2.439 %
        BaselineDeviation two = m.deviation(List.of(obs("w5", 6, 5), obs("w6", 2, 1)));
        assertEquals(8.2, two.expected(), 1e-12);
        assertEquals(-0.2, two.difference(), 1e-12);
        assertEquals(-100.0 * 0.2 / 8.2, two.percent(), 1e-9);
    }

    @Test
    void productionAndDegreeDaysRecoveredExactly() {
        // y = 100 + 2 × production + 5 × HDD, no noise:
        // (10, 3) → 135; (20, 1) → 145; (30, 4) → 180; (40, 1) → 185; (50, 5) → 225
        BaselineModel m = LinearBaseline.fit(List.of("production", "hdd"), List.of(
                obs("m1", 135, 10, 3), obs("m2", 145, 20, 1), obs("m3", 180, 30, 4), obs("m4", 185, 40, 1),
                obs("m5", 225, 50, 5)));
        assertEquals(100, m.intercept(), 1e-9);
        assertArrayEquals(new double[] {2, 5}, m.coefficients(), 1e-9);
        assertEquals(1.0, m.rSquared(), 1e-12);
        assertEquals(100 + 2 * 60 + 5 * 2, m.expected(new double[] {60, 2}), 1e-9);
    }

    @Test
    void twoVariablesWithNoiseByHand() {
        // centred design: x1 = −1, 1, −1, 1; x2 = −1, −1, 1, 1 (orthogonal, Σx = 0, Σx1² = Σx2² = 4)
        // y = 10, 14, 13, 19: a = ȳ = 14; b1 = Σx1·y / 4 = (−10 + 14 − 13 + 19) / 4 = 2.5;
        // b2 = Σx2·y / 4 = (−10 − 14 + 13 + 19) / 4 = 2. fitted 9.5, 14.5, 13.5, 18.5; residuals ±0.5 → SSres = 1
        // SStot = 16 + 0 + 1 + 25 = 42 → R² = 41/42
        BaselineModel m = LinearBaseline.fit(List.of("a", "b"), List.of(obs("1", 10, -1, -1), obs("2", 14, 1, -1),
                obs("3", 13, -1, 1), obs("4", 19, 1, 1)));
        assertEquals(14, m.intercept(), 1e-12);
        assertArrayEquals(new double[] {2.5, 2}, m.coefficients(), 1e-12);
        assertEquals(41.0 / 42.0, m.rSquared(), 1e-12);
    }

    @Test
    void refusesTooFewPeriodsAndCollinearVariables() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> LinearBaseline.fit(List.of("p", "hdd"), List.of(obs("1", 1, 1, 1), obs("2", 2, 2, 2))));
        assertTrue(few.getMessage().contains("at least 3 periods"), few.getMessage());
        IllegalArgumentException collinear = assertThrows(IllegalArgumentException.class,
                () -> LinearBaseline.fit(List.of("p", "twice p"), List.of(obs("1", 1, 1, 2), obs("2", 2, 2, 4),
                        obs("3", 4, 3, 6), obs("4", 3, 4, 8))));
        assertTrue(collinear.getMessage().contains("collinear"), collinear.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearBaseline.fit(List.of("p"),
                List.of(obs("1", 1, 5), obs("2", 2, 5), obs("3", 3, 5))), "constant production");
    }

    @Test
    void specificConsumptionAndDegreeDays() {
        SpecificConsumption sc = SpecificConsumption.of(1200, "kWh", 400, "pcs", "line1-counter.production_count");
        assertEquals(3.0, sc.value(), 1e-12);
        assertEquals("kWh/pcs", sc.unit());
        assertTrue(Double.isNaN(SpecificConsumption.of(10, "kWh", 0, "pcs", "manual").value()));
        // base 18: means 10, 20, 18 → HDD 8 + 0 + 0 = 8, CDD 0 + 2 + 0 = 2
        assertEquals(8, DegreeDays.heating(List.of(10.0, 20.0, 18.0), 18), 1e-12);
        assertEquals(2, DegreeDays.cooling(List.of(10.0, 20.0, 18.0), 18), 1e-12);
    }
}
