package io.wattline.historian.influx;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** Starts a {@link LocalInfluxd} for a test, or skips it (fails under {@code CI=true}) when influxd is missing. */
public final class InfluxdForTests {

    public static final String INSTALL = "influxd not found: install InfluxDB 1.x with 'apt-get install -y influxdb'"
            + " (the tests run their own influxd; the system service is not needed)";

    private InfluxdForTests() {
    }

    public static LocalInfluxd start(Path directory, String database) throws Exception {
        if (LocalInfluxd.executable().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(INSTALL);
            }
            assumeTrue(false, INSTALL);
        }
        LocalInfluxd influxd = LocalInfluxd.start(directory);
        influxd.execute("CREATE DATABASE \"" + database + "\"");
        return influxd;
    }
}
