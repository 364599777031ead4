package io.wattline.reports.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of a view. Cells are {@code String}, {@code Double} (null for blank), or
 * {@code java.time.LocalDateTime} (plant-local); {@code notes} are ids of data-quality notes the
 * row rests on; a {@code future} row (its period has not begun) is shown with blank figures.
 */
public record TableRow(List<Object> cells, List<String> notes, boolean future, boolean flagged) {

    public TableRow {
        cells = Collections.unmodifiableList(new ArrayList<>(cells)); // blank cells are nulls
        notes = List.copyOf(notes);
    }

    public static TableRow of(Object... cells) {
        return new TableRow(java.util.Arrays.asList(cells), List.of(), false, false);
    }

    public TableRow withNotes(List<String> noteIds) {
        return new TableRow(cells, noteIds, future, flagged);
    }

    public TableRow future(boolean isFuture) {
        return new TableRow(cells, notes, isFuture, flagged);
    }

    public TableRow flagged(boolean isFlagged) {
        return new TableRow(cells, notes, future, isFlagged);
    }

    /** The cell shown: figures of a future row are blank. */
    public Object shown(int column, Column c) {
        Object v = cells.get(column);
        return future && c.kind().numeric() ? null : v;
    }
}
