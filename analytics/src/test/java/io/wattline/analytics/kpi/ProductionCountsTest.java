package io.wattline.analytics.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionCountsTest {

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void entrySpanningTwoDaysIsSplitByOverlap() {
        // 300 pcs over 2026-03-07 06:00 .. 2026-03-08 06:00 (24 h): 18 h fall on the 7th, 6 h on the 8th
        List<ProductionEntry> entries = List.of(new ProductionEntry("l2", t("2026-03-07T06:00:00Z"),
                t("2026-03-08T06:00:00Z"), 300, null, t("2026-03-09T00:00:00Z")));
        assertEquals(300 * 18.0 / 24, ProductionCounts.manual(entries, t("2026-03-07T00:00:00Z"),
                t("2026-03-08T00:00:00Z")), 1e-9);
        assertEquals(300 * 6.0 / 24, ProductionCounts.manual(entries, t("2026-03-08T00:00:00Z"),
                t("2026-03-09T00:00:00Z")), 1e-9);
        assertEquals(0, ProductionCounts.manual(entries, t("2026-03-09T00:00:00Z"), t("2026-03-10T00:00:00Z")));
    }

    @Test
    void coverageNeedsEveryInstant() {
        Instant a = t("2026-03-07T00:00:00Z");
        Instant b = t("2026-03-07T12:00:00Z");
        Instant c = t("2026-03-08T00:00:00Z");
        List<ProductionEntry> halves = List.of(new ProductionEntry("l", b, c, 1, null, c),
                new ProductionEntry("l", a, b, 1, null, c));
        assertTrue(ProductionCounts.covers(halves, a, c));
        assertFalse(ProductionCounts.covers(halves.subList(0, 1), a, c));
    }

    @Test
    void badEntriesAreRefused() {
        Instant a = t("2026-03-07T00:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new ProductionEntry("l", a, a, 1, null, a));
        assertThrows(IllegalArgumentException.class, () -> new ProductionEntry("l", a, a.plusSeconds(1), -1, null, a));
        assertThrows(IllegalArgumentException.class,
                () -> new ProductionEntry("l", a, a.plusSeconds(1), Double.NaN, null, a));
    }
}
