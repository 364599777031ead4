package io.wattline.historian.duckdb;

import io.wattline.historian.HistorianException;
import io.wattline.historian.HistorianOptions;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SecondProcessOpenTest}: tries to open the store in the directory
 * given as the only argument, prints what happened, exits 0 if it opened and 2 if it was refused.
 */
public final class OpenStoreMain {

    private OpenStoreMain() {
    }

    public static void main(String[] args) {
        try (DuckDbStore store = DuckDbStore.open(Path.of(args[0]), HistorianOptions.defaults())) {
            System.out.println("opened " + store.file());
        } catch (HistorianException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(2);
        }
    }
}
