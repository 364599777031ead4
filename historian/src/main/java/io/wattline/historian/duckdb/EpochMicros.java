package io.wattline.historian.duckdb;

import java.time.Instant;

/**
 * Instants as microseconds since 1970-01-01T00:00Z, the way the store keeps time. A BIGINT of
 * epoch microseconds is exact (DuckDB's own TIMESTAMP resolution), free of any session time zone,
 * and what InfluxDB line protocol takes with {@code precision=u}. Nanoseconds below a microsecond
 * are truncated towards the past.
 */
final class EpochMicros {

    private EpochMicros() {
    }

    static long of(Instant time) {
        // getNano() is never negative, so this floors correctly for instants before 1970 too.
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
