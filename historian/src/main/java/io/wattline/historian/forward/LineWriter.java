package io.wattline.historian.forward;

import java.io.IOException;
import java.util.List;

/** Sends line-protocol lines to a time-series database in one request. */
public interface LineWriter {

    /**
     * Writes {@code lines} (each without a trailing newline) in one request, returning only once
     * the target has accepted them.
     *
     * @throws LinesRejectedException when the target refuses the request itself (HTTP 4xx)
     * @throws IOException on network errors and server errors (HTTP 5xx), which are worth retrying
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    void write(List<String> lines) throws IOException, LinesRejectedException, InterruptedException;

    /** Where the lines go, for logs and status; never contains credentials. */
    String target();
}
