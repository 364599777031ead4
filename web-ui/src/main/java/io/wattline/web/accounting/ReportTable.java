package io.wattline.web.accounting;

import io.wattline.analytics.consumption.ConsumptionFlags;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.core.tariff.TariffBand;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one table, shared by the CSV and XLSX exports so both carry the same figures:
 * one line per row, then one TOTAL line per carrier (Σ of booked rows, equal to the API's totals).
 * Cells are String, Double (or null when not applicable) and Long.
 */
public final class ReportTable {

    public static final String TOTAL = "TOTAL";

    private ReportTable() {
    }

    public static List<String> header() {
        List<String> h = new ArrayList<>(List.of("group_id", "group_name", "period", "start", "end", "crew", "carrier",
                "unit", "value", "kwh_equivalent", "kgce"));
        for (TariffBand b : TariffBand.values()) {
            h.add("kwh_" + b.name().toLowerCase(Locale.ROOT));
        }
        h.add("cost");
        h.addAll(List.of("booked", "rollovers", "declared_resets", "undeclared_decreases", "gap_seconds",
                "uncovered_seconds", "no_data", "repaired_readings"));
        return h;
    }

    public static List<List<Object>> lines(ConsumptionReport report) {
        ZoneId zone = ZoneId.of(report.zone());
        List<List<Object>> out = new ArrayList<>();
        for (ConsumptionReport.Row r : report.rows()) {
            List<Object> l = new ArrayList<>(List.of(r.groupId(), r.groupName(), r.periodLabel(), time(r.start(), zone),
                    time(r.end(), zone), r.crew() == null ? "" : r.crew(), r.carrier().name().toLowerCase(Locale.ROOT),
                    r.unit(), r.value()));
            l.add(r.kwhEquivalent());
            l.add(r.kgce());
            bands(l, r.bands());
            l.add(r.cost());
            l.add(r.booked() ? "yes" : "no");
            flags(l, r.flags());
            out.add(l);
        }
        for (ConsumptionReport.Total t : report.totals()) {
            List<Object> l = new ArrayList<>(List.of(TOTAL, "Total 合计", "", time(report.from(), zone),
                    time(report.to(), zone), "", t.carrier().name().toLowerCase(Locale.ROOT), t.unit(), t.value()));
            l.add(t.kwhEquivalent());
            l.add(t.kgce());
            bands(l, t.bands());
            l.add(t.cost());
            l.add("");
            for (int i = 0; i < 7; i++) {
                l.add("");
            }
            out.add(l);
        }
        return out;
    }

    private static void bands(List<Object> l, List<ConsumptionReport.Band> bands) {
        for (TariffBand b : TariffBand.values()) {
            l.add(bands.stream().filter(x -> x.band() == b).map(x -> (Object) x.energyKwh()).findFirst().orElse(null));
        }
    }

    private static void flags(List<Object> l, ConsumptionFlags f) {
        l.add((long) f.rollovers());
        l.add((long) f.declaredResets());
        l.add((long) f.undeclaredDecreases());
        l.add(f.gapSecondsInterpolated());
        l.add(f.uncoveredSeconds());
        l.add(f.noData() ? "yes" : "no");
        l.add((long) f.repairedReadings());
    }

    static String time(Instant t, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone));
    }
}
