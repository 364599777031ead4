package io.wattline.reports;

import java.util.List;

/** A report id no definition has; the message lists the ones there are. */
public final class UnknownReportException extends RuntimeException {

    private final String id;

    public UnknownReportException(String id, List<String> known) {
        super("unknown report '" + id + "' (configured: " + (known.isEmpty() ? "none; add reports.definitions to the"
                + " plant file" : String.join(", ", known)) + ")");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
