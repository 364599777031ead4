package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.historian.Resolution;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeriesQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void defaultsToTheLastDayAtAutoResolution() {
        SeriesQuery q = SeriesQuery.parse(null, "", null, NOW);
        assertEquals(Instant.parse("2026-12-01T12:00:00Z"), q.from());
        assertEquals(NOW, q.to());
        assertNull(q.resolution(), "auto");
    }

    @Test
    void readsOffsetsAndNamedResolutions() {
        SeriesQuery q = SeriesQuery.parse("2026-12-02T00:00:00+08:00", "2026-12-02T12:00:00Z", "15m", NOW);
        assertEquals(Instant.parse("2026-12-01T16:00:00Z"), q.from());
        assertEquals(Resolution.FIFTEEN_MINUTES, q.resolution());
        assertEquals(Resolution.ONE_HOUR, SeriesQuery.parse(null, null, "1H", NOW).resolution());
    }

    @Test
    void refusesWhatItCannotReadNamingTheParameter() {
        assertEquals("resolution", assertThrows(InvalidParameterException.class,
                () -> SeriesQuery.parse(null, null, "5m", NOW)).parameter());
        assertEquals("from", assertThrows(InvalidParameterException.class,
                () -> SeriesQuery.parse("yesterday", null, null, NOW)).parameter());
        assertEquals("from", assertThrows(InvalidParameterException.class,
                () -> SeriesQuery.parse("2026-12-03T00:00:00Z", null, null, NOW)).parameter());
        assertEquals("resolution", assertThrows(InvalidParameterException.class,
                () -> SeriesQuery.parse("2026-11-01T00:00:00Z", null, "raw", NOW)).parameter(),
                "a month of raw samples is refused");
        assertEquals("to", assertThrows(InvalidParameterException.class,
                () -> SeriesQuery.parse("2024-01-01T00:00:00Z", null, null, NOW)).parameter());
    }
}
