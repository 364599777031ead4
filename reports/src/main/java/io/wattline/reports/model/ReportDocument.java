package io.wattline.reports.model;

import java.util.List;

/**
 * A report's content, independent of its format: the title block, its views (tables), its charts
 * and the data-quality notes its rows refer to. Every renderer shows the same figures from this.
 */
public record ReportDocument(TitleBlock title, List<View> views, List<ChartSpec> charts, List<QualityNote> notes,
        Labels labels) {

    public ReportDocument {
        views = List.copyOf(views);
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }

    /** The view CSV carries: the report's main table, the first. */
    public View mainView() {
        return views.get(0);
    }
}
