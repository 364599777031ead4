package io.wattline.reports.build;

import io.wattline.core.report.ReportScope;
import java.util.function.Predicate;

/** Which group ids of a grouping a report's scope shows: all for the site, else the lines or cost centres named. */
final class Scopes {

    private Scopes() {
    }

    static Predicate<String> of(ReportScope scope, String group) {
        if (group.equals("line") && !scope.lines().isEmpty()) {
            return scope.lines()::contains;
        }
        if (group.equals("costcentre") && !scope.costCentres().isEmpty()) {
            return scope.costCentres()::contains;
        }
        return id -> true;
    }
}
