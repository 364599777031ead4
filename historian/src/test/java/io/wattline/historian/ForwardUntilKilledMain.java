package io.wattline.historian;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.influx.InfluxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Child process of {@link KilledWhileForwardingTest}: runs the historian with a forwarder and writes
 * one sample every millisecond or so, printing {@code committed N} after each flush, until killed.
 * Arguments: data directory, InfluxDB URL, point, first sample time.
 */
public final class ForwardUntilKilledMain {

    private ForwardUntilKilledMain() {
    }

    public static void main(String[] args) throws Exception {
        PointId point = PointId.parse(args[2]);
        Instant start = Instant.parse(args[3]);
        Historian historian = Historian.open(Path.of(args[0]),
                HistorianOptions.defaults().withBatchMaxDelay(Duration.ofMillis(10)),
                Optional.of(InfluxOptions.of(URI.create(args[1]), "plant", "demo-site")));
        for (long i = 0; ; i++) {
            while (!historian.writer().offer(Sample.good(point, start.plusMillis(i * 100), i))) {
                Thread.sleep(1);
            }
            if (i % 50 == 49) {
                historian.writer().flush();
                System.out.println("committed " + (i + 1) + " forwarded " + historian.forwarder().orElseThrow().watermark());
                System.out.flush();
                Thread.sleep(5);
            }
        }
    }
}
