package io.wattline.reports.build;

import io.wattline.analytics.consumption.CounterIssue;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.plant.MeterEvent;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Resolution;
import io.wattline.reports.model.QualityNote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-quality notes of a report period: every gap interpolated, rollover bridged, declared reset
 * or replacement, undeclared decrease and repaired reading of the accounted meters, numbered N1, N2 …
 * in meter and time order, and the notes a row touches (its meters, its interval).
 */
final class QualityNotes {

    private record Placed(QualityNote note, Instant from, Instant to) {
    }

    private final Map<String, List<Placed>> byMeter = new LinkedHashMap<>();
    private final List<QualityNote> all = new ArrayList<>();
    private final Map<String, UnwrappedCounter> counters;

    QualityNotes(AccountingService accounting, Plant plant, Instant from, Instant to, Words words) {
        Resolution resolution = accounting.resolutionFor(new ConsumptionQuery("site", from, to, "day", null,
                ReadPath.ROLLUP, false));
        counters = accounting.counters(accounting.meteredPoints().keySet().stream().sorted().toList(), from, to,
                resolution);
        for (Map.Entry<String, UnwrappedCounter> e : counters.entrySet()) {
            String meter = e.getKey();
            if (e.getValue().isEmpty()) {
                add(meter, "noData", words.format("note.noData", meter), from, to);
                continue;
            }
            for (CounterIssue issue : e.getValue().issues()) {
                if (!touches(issue.from(), issue.to(), from, to)) {
                    continue;
                }
                String text = switch (issue.kind()) {
                    case GAP -> words.format("note.gap", meter, words.time(issue.from()), words.time(issue.to()),
                            Duration.between(issue.from(), issue.to()).toMinutes());
                    case ROLLOVER -> words.format("note.rollover", meter, words.time(issue.to()));
                    case DECLARED_RESET, DECLARED_REPLACEMENT -> declared(plant, meter, issue, words);
                    case UNDECLARED_DECREASE -> words.format("note.undeclared", meter, words.time(issue.to()),
                            issue.amount());
                    case DUPLICATE, CONFLICTING_DUPLICATE, OUT_OF_ORDER -> words.format("note.repaired", meter,
                            words.time(issue.from()));
                    case GLITCH_LOW, GLITCH_HIGH, NEGATIVE_READING, IMPLAUSIBLE_READING -> words.format("note.glitch",
                            meter, words.time(issue.from()), issue.amount());
                    case IMPLAUSIBLE_STEP -> words.format("note.implausible", meter, words.time(issue.to()),
                            issue.amount());
                };
                add(meter, issue.kind().name(), text, issue.from(), issue.to());
            }
        }
    }

    private static String declared(Plant plant, String meter, CounterIssue issue, Words words) {
        for (MeterEvent ev : plant.meterEvents()) {
            if (ev.meterId().equals(meter) && ev.time().equals(issue.to())) {
                return words.format(ev.kind() == MeterEvent.Kind.REPLACEMENT ? "note.replacement" : "note.reset", meter,
                        words.time(ev.time()), ev.oldFinal(), ev.newInitial(), ev.note() == null ? "" : ev.note());
            }
        }
        return words.format("note.reset", meter, words.time(issue.to()), "?", "?", "");
    }

    private void add(String meter, String kind, String text, Instant from, Instant to) {
        QualityNote n = new QualityNote("N" + (all.size() + 1), meter, kind, text);
        all.add(n);
        byMeter.computeIfAbsent(meter, k -> new ArrayList<>()).add(new Placed(n, from, to));
    }

    private static boolean touches(Instant a, Instant b, Instant from, Instant to) {
        return a.equals(b) ? !a.isBefore(from) && a.isBefore(to) : a.isBefore(to) && b.isAfter(from);
    }

    List<QualityNote> all() {
        return List.copyOf(all);
    }

    /** The unwrapped counters of every accounted meter over the period (shared with the readings view). */
    Map<String, UnwrappedCounter> counters() {
        return counters;
    }

    /** Ids of the notes on {@code meters} that touch [from, to). */
    List<String> idsFor(Collection<String> meters, Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        for (String m : meters) {
            for (Placed p : byMeter.getOrDefault(m, List.of())) {
                if (touches(p.from(), p.to(), from, to) || p.note().kind().equals("noData")) {
                    ids.add(p.note().id());
                }
            }
        }
        return ids;
    }
}
