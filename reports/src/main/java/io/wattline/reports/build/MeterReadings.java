package io.wattline.reports.build;

import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.service.MeteredPoint;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.core.plant.Meter;
import io.wattline.historian.SeriesReader;
import io.wattline.reports.model.Column;
import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.View;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The meter-reading list (抄表): for every accounted meter, the register as last read at or before the
 * period's start and end (what the meter showed, with when), and the period's consumption as
 * accounting computes it (interpolated at the edges, rollovers and declared replacements bridged; the
 * notes say which). Billing meters (the roots of the tree) come first.
 */
final class MeterReadings {

    private static final List<Duration> LOOK_BACK = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(35));

    private final ReportContext ctx;
    private final Words words;
    private final QualityNotes notes;

    MeterReadings(ReportContext ctx, Words words, QualityNotes notes) {
        this.ctx = ctx;
        this.words = words;
        this.notes = notes;
    }

    View view(Instant from, Instant to, Instant now) {
        List<Column> columns = List.of(Column.text(words.get("col.meter")), Column.text(words.get("col.name")),
                Column.text(words.get("col.carrier")), Column.text(words.get("col.unit")),
                Column.text(words.get("col.billing")), Column.of(words.get("col.startReadAt"), ColumnKind.DATETIME),
                Column.of(words.get("col.startReading"), ColumnKind.READING),
                Column.of(words.get("col.endReadAt"), ColumnKind.DATETIME),
                Column.of(words.get("col.endReading"), ColumnKind.READING),
                Column.of(words.get("col.consumption"), ColumnKind.ENERGY));
        var accounting = ctx.accounting();
        Set<String> roots = new java.util.HashSet<>(accounting.allocation().rootMeters().stream().map(Meter::id).toList());
        List<Meter> ordered = new ArrayList<>();
        accounting.allocation().meters().stream().filter(m -> roots.contains(m.id())).forEach(ordered::add);
        accounting.allocation().meters().stream().filter(m -> !roots.contains(m.id())).forEach(ordered::add);
        List<TableRow> rows = new ArrayList<>();
        Instant end = to.isAfter(now) ? now : to;
        for (Meter m : ordered) {
            MeteredPoint p = accounting.meteredPoints().get(m.id());
            if (p == null) {
                continue;
            }
            Optional<Sample> start = lastAtOrBefore(p, from);
            Optional<Sample> last = lastAtOrBefore(p, end);
            UnwrappedCounter c = notes.counters().get(m.id());
            Double consumption = c == null ? null : c.consumption(from, to).value();
            rows.add(new TableRow(java.util.Arrays.asList(m.id(), m.name(), words.carrier(m.carrier()),
                    Words.unit(p.unit()), roots.contains(m.id()) ? words.get("yes") : words.get("no"),
                    start.map(s -> (Object) words.local(s.time())).orElse(null), start.map(Sample::value).orElse(null),
                    last.map(s -> (Object) words.local(s.time())).orElse(null), last.map(Sample::value).orElse(null),
                    consumption), notes.idsFor(List.of(m.id()), from, to), !from.isBefore(now), false));
        }
        // no totals: a main meter and its sub-meters measure the same energy twice
        return new View(words.get("view.readings"), words.get("view.readings.title"), columns, rows, null);
    }

    /** The register's last good reading at or before {@code t}, looking back up to 35 days. */
    private Optional<Sample> lastAtOrBefore(MeteredPoint p, Instant t) {
        SeriesReader reader = ctx.reader();
        Instant until = t.plusNanos(1000);
        for (Duration back : LOOK_BACK) {
            List<Sample> got = reader.range(p.point(), t.minus(back), until, 1_000_000);
            for (int i = got.size() - 1; i >= 0; i--) {
                if (got.get(i).quality() == Quality.GOOD) {
                    return Optional.of(got.get(i));
                }
            }
        }
        return Optional.empty();
    }
}
