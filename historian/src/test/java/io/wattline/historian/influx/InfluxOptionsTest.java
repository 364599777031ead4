package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class InfluxOptionsTest {

    @Test
    void refusesWhatCannotWorkAndNamesTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InfluxOptions.of(URI.create("influx:8086"), "db", "site")).getMessage().contains("url"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InfluxOptions.of(URI.create("http://influx:8086"), " ", "site")).getMessage().contains("database"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InfluxOptions.of(URI.create("http://influx:8086"), "db", "")).getMessage().contains("site"));
    }

    @Test
    void neverShowsSecrets() {
        InfluxOptions options = InfluxOptions.of(URI.create("https://influx:8086"), "db", "site")
                .withCredentials("user", "pa55word").withToken("t0ken-value");
        assertFalse(options.toString().contains("pa55word") || options.toString().contains("t0ken-value"), options.toString());
        assertEquals("https://influx:8086 db=db", options.describe());
        assertEquals("wattline", options.measurement());
    }
}
