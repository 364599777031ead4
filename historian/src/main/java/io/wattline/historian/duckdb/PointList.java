package io.wattline.historian.duckdb;

import io.wattline.core.PointId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/** The point list of a multi-point read ({@code point IN (?, ...)}) and the grouping of its point-ordered rows. */
final class PointList {

    private PointList() {
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** Binds the points' text from parameter {@code first} on; returns the next free parameter index. */
    static int bind(PreparedStatement query, int first, Collection<PointId> points) throws SQLException {
        int i = first;
        for (PointId p : points) {
            query.setString(i++, p.toString());
        }
        return i;
    }

    /**
     * Collects rows ordered by point into one list per point and hands each list over when the
     * point changes; the point text is parsed once per point, not per row.
     */
    static final class Grouper<T> {

        private final BiConsumer<PointId, List<T>> each;
        private String currentText;
        private List<T> current = new ArrayList<>();

        Grouper(BiConsumer<PointId, List<T>> each) {
            this.each = each;
        }

        void add(String pointText, T row) {
            if (!pointText.equals(currentText)) {
                finish();
                currentText = pointText;
            }
            current.add(row);
        }

        void finish() {
            if (currentText != null && !current.isEmpty()) {
                each.accept(PointId.parse(currentText), current);
            }
            current = new ArrayList<>();
            currentText = null;
        }
    }
}
