package io.wattline.historian.forward;

/** The target answered a write with a client error (HTTP 4xx); the body says why. */
public class LinesRejectedException extends Exception {

    private final int status;

    public LinesRejectedException(int status, String message) {
        super("HTTP " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * Whether the data itself was refused (bad line, field type conflict, too large), so that
     * splitting the request finds the culprit. Other 4xx (401, 403, 404 unknown database, 429) are
     * about the configuration or the server's state: retried, never quarantined.
     */
    public boolean dataRejected() {
        return status == 400 || status == 413 || status == 422;
    }
}
