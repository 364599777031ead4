package io.wattline.reports.model;

/** A column of a view: its header (already in the report's language), its kind, and whether the total row sums it. */
public record Column(String header, ColumnKind kind, boolean summed) {

    public static Column text(String header) {
        return new Column(header, ColumnKind.TEXT, false);
    }

    public static Column summed(String header, ColumnKind kind) {
        return new Column(header, kind, true);
    }

    public static Column of(String header, ColumnKind kind) {
        return new Column(header, kind, false);
    }
}
