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

    @Test
    void credentialsInTheUrlAreTakenOutOfIt() {
        InfluxOptions options = InfluxOptions.of(URI.create("http://wattline:s%40cret%20pw@influx.plant:8086/base"), "db", "site");
        assertEquals(URI.create("http://influx.plant:8086/base"), options.url());
        assertEquals("wattline", options.username());
        assertEquals("s@cret pw", options.password(), "percent-encoding decoded");
        assertFalse(options.toString().contains("cret") || options.describe().contains("cret"), options.toString());
        InfluxOptions explicit = new InfluxOptions(URI.create("http://u:urlpass@influx:8086"), "db", "", "other", "given",
                "", "", "site", false);
        assertEquals("other", explicit.username(), "explicit credentials win");
        assertEquals("given", explicit.password());
        assertEquals(URI.create("http://influx:8086"), explicit.url());
        String error = assertThrows(IllegalArgumentException.class,
                () -> InfluxOptions.of(URI.create("ftp://u:topsecret@influx:8086"), "db", "site")).getMessage();
        assertFalse(error.contains("topsecret"), error);
    }

    @Test
    void maskCredentialsHidesEveryUrlsUserInfo() {
        assertEquals("connect to http://***@influx:8086/write failed; see https://***@other/x",
                InfluxOptions.maskCredentials("connect to http://user:pw@influx:8086/write failed; see https://tok@other/x"));
        assertEquals("no url here", InfluxOptions.maskCredentials("no url here"));
    }
}
