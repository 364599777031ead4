package io.wattline.reports.build;

import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.ConsumptionReport.Row;
import io.wattline.reports.model.Column;
import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A consumption view from an accounting report: one row per group (× period) × carrier with its
 * consumption and cost, totals per carrier and the cost of all, notes of the meters behind each row.
 */
final class ConsumptionTables {

    private final Words words;
    private final QualityNotes notes;
    private final GroupMeters meters;
    private final Instant now;

    ConsumptionTables(Words words, QualityNotes notes, GroupMeters meters, Instant now) {
        this.words = words;
        this.notes = notes;
        this.meters = meters;
        this.now = now;
    }

    /**
     * @param groupHeader the header of the group column ("Line", "Cost centre", …)
     * @param withPeriod adds the period label (shift, day) as the second column
     * @param inScope which group ids are shown
     */
    View view(String name, String title, ConsumptionReport report, String groupHeader, boolean withPeriod,
            Predicate<String> inScope, String currency) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text(groupHeader));
        if (withPeriod) {
            columns.add(Column.text(words.get("col.period")));
        }
        columns.add(Column.text(words.get("col.carrier")));
        columns.add(Column.text(words.get("col.unit")));
        columns.add(Column.summed(words.get("col.consumption"), ColumnKind.ENERGY));
        columns.add(Column.summed(words.format("col.cost", currency), ColumnKind.MONEY));
        List<TableRow> rows = new ArrayList<>();
        for (Row r : report.rows()) {
            if (!r.booked() || !inScope.test(r.groupId())) {
                continue;
            }
            List<Object> cells = new ArrayList<>();
            cells.add(r.groupName());
            if (withPeriod) {
                cells.add(r.periodLabel());
            }
            cells.add(words.carrier(r.carrier()));
            cells.add(Words.unit(r.unit()));
            cells.add(r.value());
            cells.add(r.cost());
            rows.add(new TableRow(cells, notes.idsFor(meters.of(report.group(), r.groupId(), r.carrier()), r.start(),
                    r.end()), !r.start().isBefore(now), false));
        }
        return new View(name, title, columns, rows, words.get("total"), withPeriod ? 2 : 1);
    }
}
