package io.wattline.historian.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.historian.HistorianOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An import's hold runs DuckDB on one thread; the configured threads return when the last holder lets go. */
@Timeout(60)
class BulkLoadThreadsTest {

    @TempDir
    Path data;

    @Test
    void oneThreadWhileAnyImportHoldsItThenTheConfiguredOnes() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(data, HistorianOptions.defaults())) {
            assertEquals(HistorianOptions.DEFAULT_THREADS, store.duckDbThreads());
            Runnable first = store.bulkLoad();
            assertEquals(1, store.duckDbThreads());
            Runnable second = store.bulkLoad();
            first.run();
            first.run(); // a second release of the same hold counts nothing
            assertEquals(1, store.duckDbThreads(), "the second import still holds it");
            second.run();
            assertEquals(HistorianOptions.DEFAULT_THREADS, store.duckDbThreads());
        }
    }
}
