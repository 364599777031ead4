package io.wattline.core.report;

import java.util.List;

/**
 * What part of the plant a report covers: the whole site (all lists empty), or only the given
 * lines or cost centres (rows of other groups are left out; totals are those of the rows shown).
 */
public record ReportScope(List<String> lines, List<String> costCentres) {

    public static final ReportScope SITE = new ReportScope(List.of(), List.of());

    public ReportScope {
        lines = lines == null ? List.of() : List.copyOf(lines);
        costCentres = costCentres == null ? List.of() : List.copyOf(costCentres);
    }

    public boolean wholeSite() {
        return lines.isEmpty() && costCentres.isEmpty();
    }
}
