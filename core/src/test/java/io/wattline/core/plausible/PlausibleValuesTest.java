package io.wattline.core.plausible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.Quantity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The plausible window of times and the plausible range of each quantity's values. */
class PlausibleValuesTest {

    @Test
    void theWindowRunsFrom1970ToBefore2200() {
        assertTrue(PlausibleTime.contains(Instant.parse("1970-01-01T00:00:00Z")));
        assertTrue(PlausibleTime.contains(Instant.parse("2199-12-31T23:59:59.999Z")));
        assertFalse(PlausibleTime.contains(Instant.parse("2200-01-01T00:00:00Z")));
        assertFalse(PlausibleTime.contains(Instant.parse("0001-01-01T00:00:00Z")));
        assertFalse(PlausibleTime.contains(Instant.parse("1969-12-31T23:59:59Z")));
        assertFalse(PlausibleTime.contains(Instant.MAX));
        assertFalse(PlausibleTime.contains(null));
    }

    @Test
    void aCounterIsNeverNegativeNorAbsurdlyLarge() {
        PlausibleValues v = PlausibleValues.standard();
        assertTrue(v.problem(Quantity.ACTIVE_ENERGY_IMPORT, 0).isEmpty());
        assertTrue(v.problem(Quantity.ACTIVE_ENERGY_IMPORT, 123_456.7).isEmpty());
        assertTrue(v.problem(Quantity.ACTIVE_ENERGY_IMPORT, -0.1).orElseThrow().contains("never negative"));
        assertTrue(v.problem(Quantity.VOLUME, 1e308).orElseThrow().contains("plausible range"));
        assertTrue(v.problem(Quantity.MASS, Double.NaN).orElseThrow().contains("not a finite number"));
        assertTrue(v.problem(Quantity.PRODUCTION_COUNT, Double.POSITIVE_INFINITY).isPresent());
    }

    @Test
    void gaugesHaveTheirOwnRangesAndAPlantMayChangeOne() {
        PlausibleValues v = PlausibleValues.standard();
        assertTrue(v.problem(Quantity.ACTIVE_POWER, -250).isEmpty(), "export is negative power");
        assertTrue(v.problem(Quantity.TEMPERATURE, -300).isPresent(), "below absolute zero");
        assertTrue(v.problem(Quantity.POWER_FACTOR, 1.2).isPresent());
        assertTrue(v.problem(Quantity.RELATIVE_HUMIDITY, 101).isPresent());
        for (Quantity q : Quantity.values()) {
            assertTrue(v.rangeOf(q) != null, q + " has a range");
        }
        PlausibleValues narrow = v.with(Quantity.TEMPERATURE, new PlausibleValues.Range(-40, 200));
        assertTrue(narrow.problem(Quantity.TEMPERATURE, 250).isPresent());
        assertTrue(v.problem(Quantity.TEMPERATURE, 250).isEmpty(), "the standard ranges are not changed");
        assertEquals(200, narrow.rangeOf(Quantity.TEMPERATURE).max());
    }
}
