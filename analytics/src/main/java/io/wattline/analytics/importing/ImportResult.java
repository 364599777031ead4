package io.wattline.analytics.importing;

import java.util.List;

/**
 * What an import did: data rows read, rows written, rows skipped because the store (or an earlier
 * row of the file) already holds the same reading, and every rejected row with its line and reason.
 */
public record ImportResult(String source, int rows, int written, int alreadyStored, List<Rejection> rejected) {

    /** One refused row: its line number in the file (1 = first line) and why. */
    public record Rejection(int line, String reason) {
    }

    public ImportResult {
        rejected = List.copyOf(rejected);
    }
}
