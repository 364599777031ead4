package io.wattline.historian.forward;

import java.io.IOException;
import java.util.List;

/** Sends line-protocol lines to a time-series database in one request. */
public interface LineWriter {

    /** Builds the request body for {@code lines} (each without a trailing newline). */
    LineBatch prepare(List<String> lines) throws IOException;

    /** Prepares and writes {@code lines}; see {@link #write(LineBatch)}. */
    default void write(List<String> lines) throws IOException, LinesRejectedException, InterruptedException {
        write(prepare(lines));
    }

    /**
     * Writes {@code batch} in one request, returning only once the target has accepted it.
     *
     * @throws LinesRejectedException when the target refuses the request itself (HTTP 4xx)
     * @throws IOException on network errors and server errors (HTTP 5xx), which are worth retrying
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    void write(LineBatch batch) throws IOException, LinesRejectedException, InterruptedException;

    /** Where the lines go, for logs and status; never contains credentials. */
    String target();
}
