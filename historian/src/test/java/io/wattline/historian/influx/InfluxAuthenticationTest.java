package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wattline.historian.forward.LinesRejectedException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Username and password against an InfluxDB 1.x with authentication on: writes and InfluxQL queries. */
@Tag("integration")
@Timeout(60)
class InfluxAuthenticationTest {

    @TempDir
    Path dir;

    @Test
    void credentialsAreUsedForWritesAndQueriesAndAWrongPasswordIsNotQuarantined() throws Exception {
        if (LocalInfluxd.executable().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(InfluxdForTests.INSTALL);
            }
            assumeTrue(false, InfluxdForTests.INSTALL);
        }
        try (LocalInfluxd influxd = LocalInfluxd.start(dir.resolve("influx"), true)) {
            influxd.execute("CREATE USER \"wattline\" WITH PASSWORD 'secret pass' WITH ALL PRIVILEGES");
            influxd.execute("CREATE DATABASE \"plant\"", "wattline", "secret pass");
            InfluxOptions options = InfluxOptions.of(influxd.url(), "plant", "demo-site").withCredentials("wattline", "secret pass");

            new InfluxLineWriter(options, Duration.ofSeconds(10)).write(List.of("wattline,device=m1,site=demo-site p=1.5,p_q=0i 1"));
            try (InfluxQueries queries = new InfluxQueries(options)) {
                List<Map<String, String>> rows = queries.rows("SELECT \"p\" FROM \"wattline\"");
                assertEquals(1, rows.size());
                assertEquals(1.5, Double.parseDouble(rows.get(0).get("p")));
            }

            // the same credentials written into the URL (issue 19): they work, and appear nowhere
            InfluxOptions inUrl = InfluxOptions.of(URI.create("http://wattline:secret%20pass@127.0.0.1:"
                    + influxd.url().getPort()), "plant", "demo-site");
            InfluxLineWriter urlWriter = new InfluxLineWriter(inUrl, Duration.ofSeconds(10));
            urlWriter.write(List.of("wattline,device=m1,site=demo-site p=2.5,p_q=0i 2"));
            assertFalse(urlWriter.target().contains("secret") || inUrl.toString().contains("secret")
                    || inUrl.describe().contains("secret"), urlWriter.target());

            InfluxOptions wrong = options.withCredentials("wattline", "wrong");
            LinesRejectedException refused = assertThrows(LinesRejectedException.class,
                    () -> new InfluxLineWriter(wrong, Duration.ofSeconds(10)).write(List.of("wattline,device=m1,site=s p=2 2")));
            assertEquals(401, refused.status());
            assertFalse(refused.dataRejected(), "authentication errors are retried, never quarantined");
            assertFalse(wrong.toString().contains("wrong"), "no password in toString: " + wrong);
        }
    }
}
