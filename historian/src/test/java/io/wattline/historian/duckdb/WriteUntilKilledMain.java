package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianOptions;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link KilledProcessDurabilityTest}: writes sample i with value i, one
 * per millisecond of sample time, and after every flush prints {@code committed <n>}, until killed.
 */
public final class WriteUntilKilledMain {

    private WriteUntilKilledMain() {
    }

    public static void main(String[] args) {
        PointId point = PointId.parse(args[1]);
        Instant start = Instant.parse(args[2]);
        // Not closed on purpose: the parent kills this process with SIGKILL.
        DuckDbStore store = DuckDbStore.open(Path.of(args[0]), HistorianOptions.defaults());
        for (long i = 0; ; i++) {
            while (!store.offer(Sample.good(point, start.plusMillis(i), i))) {
                Thread.onSpinWait();
            }
            if (i % 200 == 199) {
                store.flush();
                System.out.println("committed " + (i + 1));
                System.out.flush();
            }
        }
    }
}
