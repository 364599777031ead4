package io.wattline.analytics.importing;

import java.util.List;

/**
 * What an import did: data rows read, rows written, rows skipped because the store (or an earlier
 * row of the file) already holds the same reading, readings replaced (only with {@code --replace}),
 * readings marked BAD because accounting leaves them out (glitches, implausible jumps: ARCHITECTURE
 * decision 14), how many rows were rejected, and the first {@link ReadingImporter#LISTED_REJECTIONS} of them with
 * their line and reason.
 */
public record ImportResult(String source, long rows, long written, long alreadyStored, long replaced,
        long excluded, long rejectedRows, List<Rejection> rejected) {

    /** One refused row: its line number in the file (1 = first line) and why. */
    public record Rejection(long line, String reason) {
    }

    public ImportResult {
        rejected = List.copyOf(rejected);
    }

    /** The one-paragraph summary the command prints and the log keeps. */
    public String summary() {
        return source + ": " + rows + " rows, " + written + " written, " + alreadyStored + " already stored, "
                + replaced + " replaced, " + rejectedRows + " rejected, " + excluded + " excluded as glitches (BAD)";
    }
}
