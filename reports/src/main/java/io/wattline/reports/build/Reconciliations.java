package io.wattline.reports.build;

import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.reports.model.Column;
import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.View;
import java.util.ArrayList;
import java.util.List;

/** Each main meter against its sub-meters: parent, Σ sub-meters, loss and loss share. */
final class Reconciliations {

    private Reconciliations() {
    }

    static View view(ConsumptionReport report, Words words) {
        List<Column> columns = List.of(Column.text(words.get("col.mainMeter")), Column.text(words.get("col.carrier")),
                Column.text(words.get("col.unit")), Column.of(words.get("col.mainReading"), ColumnKind.ENERGY),
                Column.of(words.get("col.subMeters"), ColumnKind.ENERGY), Column.of(words.get("col.loss"), ColumnKind.ENERGY),
                Column.of(words.get("col.lossShare"), ColumnKind.PERCENT));
        List<TableRow> rows = new ArrayList<>();
        for (ConsumptionReport.TreeCheck t : report.reconciliation().childrenVsParent()) {
            rows.add(TableRow.of(t.parentMeterId(), words.carrier(t.carrier()), Words.unit(t.unit()), t.parent(),
                    t.childrenSum(), t.loss(), t.lossPercent()));
        }
        return new View(words.get("view.reconciliation"), words.get("view.reconciliation.title"), columns, rows, null);
    }
}
