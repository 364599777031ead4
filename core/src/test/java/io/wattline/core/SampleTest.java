package io.wattline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleTest {

    private static final PointId P = new PointId("m1", "active_power");
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void badSampleCarriesNaNAndReason() {
        Sample s = Sample.bad(P, T, "timeout");
        assertTrue(Double.isNaN(s.value()));
        assertEquals(Quality.BAD, s.quality());
        assertEquals("timeout", s.reason());
        assertFalse(s.isGood());
    }

    @Test
    void goodSampleMustBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> Sample.good(P, T, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sample.good(P, T, Double.POSITIVE_INFINITY));
        assertEquals("", Sample.good(P, T, 1.5).reason());
    }

    @Test
    void quantitiesParseInEitherCase() {
        assertEquals(Quantity.ACTIVE_ENERGY_IMPORT, Quantity.parse("active_energy_import"));
        assertTrue(Quantity.ACTIVE_ENERGY_IMPORT.isCounter());
        assertFalse(Quantity.ACTIVE_POWER.isCounter());
        assertEquals("kWh", Quantity.ACTIVE_ENERGY_IMPORT.unit());
    }
}
