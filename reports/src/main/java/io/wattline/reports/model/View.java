package io.wattline.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One table of a report (one sheet in XLSX, one section in PDF) and its totals. With
 * {@code totalsBy} (a column index, e.g. the carrier) one total row per value of that column sums
 * the {@link Column#summed() summed} columns over the rows with that value (kWh and m³ never mix),
 * then a grand total sums the money columns; with {@code totalsBy} −1 one total row sums them all.
 * {@code totalLabel} null: no totals.
 */
public record View(String name, String title, List<Column> columns, List<TableRow> rows, String totalLabel,
        int totalsBy) {

    /** A total row: its label, the key it sums over (null: every row), and a value per column (null: blank). */
    public record Total(String label, String key, boolean grand, List<Double> values) {
    }

    public View {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (TableRow r : rows) {
            if (r.cells().size() != columns.size()) {
                throw new IllegalArgumentException("view " + name + ": a row has " + r.cells().size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    public View(String name, String title, List<Column> columns, List<TableRow> rows, String totalLabel) {
        this(name, title, columns, rows, totalLabel, -1);
    }

    public boolean hasTotal() {
        return totalLabel != null && columns.stream().anyMatch(Column::summed);
    }

    /** The total rows, with values as they show: Σ of the rounded cells shown. */
    public List<Total> totals() {
        if (!hasTotal()) {
            return List.of();
        }
        if (totalsBy < 0) {
            return List.of(new Total(totalLabel, null, true, sums(null, false)));
        }
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> keys.add(String.valueOf(r.cells().get(totalsBy))));
        List<Total> out = new ArrayList<>();
        for (String key : keys) {
            out.add(new Total(totalLabel + " " + key, key, false, sums(key, false)));
        }
        if (columns.stream().anyMatch(c -> c.summed() && c.kind() == ColumnKind.MONEY)) {
            out.add(new Total(totalLabel, null, true, sums(null, true)));
        }
        return out;
    }

    private List<Double> sums(String key, boolean moneyOnly) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (!c.summed() || (moneyOnly && c.kind() != ColumnKind.MONEY)) {
                values.add(null);
                continue;
            }
            double sum = 0;
            boolean any = false;
            for (TableRow r : rows) {
                if (key != null && !key.equals(String.valueOf(r.cells().get(totalsBy)))) {
                    continue;
                }
                if (r.shown(i, c) instanceof Double d) {
                    sum += Rounding.round(d, c.kind());
                    any = true;
                }
            }
            values.add(any ? Rounding.round(sum, c.kind()) : null);
        }
        return values;
    }
}
