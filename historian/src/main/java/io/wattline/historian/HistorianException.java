package io.wattline.historian;

/** The historian store cannot be opened, written or read; the message says what and where. */
public class HistorianException extends RuntimeException {

    public HistorianException(String message) {
        super(message);
    }

    public HistorianException(String message, Throwable cause) {
        super(message, cause);
    }
}
