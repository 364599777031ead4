package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpochMicrosTest {

    @ParameterizedTest
    @CsvSource({
            // instant,                          epoch micros,      instant read back
            "1970-01-01T00:00:00Z,                0,                 1970-01-01T00:00:00Z",
            "1970-01-01T00:00:00.000001Z,         1,                 1970-01-01T00:00:00.000001Z",
            "1970-01-01T00:00:00.000000999Z,      0,                 1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999Z,         -1,                1969-12-31T23:59:59.999999Z",
            "1969-12-31T23:59:59.9999995Z,        -1,                1969-12-31T23:59:59.999999Z",
            "2026-03-02T06:00:00.123456789Z,      1772431200123456,  2026-03-02T06:00:00.123456Z",
    })
    void convertsToMicrosecondsTruncatingTowardsThePast(String instant, long micros, String readBack) {
        assertEquals(micros, EpochMicros.of(Instant.parse(instant)));
        assertEquals(Instant.parse(readBack), EpochMicros.toInstant(micros));
    }
}
