package io.wattline.reports.build;

import io.wattline.core.tariff.TariffBand;
import io.wattline.reports.bills.UtilityBill;
import io.wattline.reports.model.Column;
import io.wattline.reports.model.ColumnKind;
import io.wattline.reports.model.TableRow;
import io.wattline.reports.model.View;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metered against billed, side by side (to 0.01 whatever the unit): kWh per band and in total, maximum demand, power factor and
 * the amount, with the difference, the difference in percent of the bill, and a flag when it exceeds
 * the report's tolerance.
 */
final class BillCheck {

    /** What the meters say for the bill's items (null where unknown). */
    record Metered(Map<TariffBand, Double> kwhPerBand, Double maxDemandKw, Double powerFactor, double amount) {
    }

    private BillCheck() {
    }

    static View view(UtilityBill bill, Metered metered, double tolerancePercent, String currency, Words words) {
        List<Column> columns = List.of(Column.text(words.get("col.item")), Column.text(words.get("col.unit")),
                Column.of(words.get("col.metered"), ColumnKind.READING),
                Column.of(words.get("col.billed"), ColumnKind.READING), Column.of(words.get("col.difference"), ColumnKind.READING),
                Column.of(words.get("col.differencePercent"), ColumnKind.PERCENT), Column.text(words.get("col.check")));
        List<TableRow> rows = new ArrayList<>();
        Set<TariffBand> bands = EnumSet.noneOf(TariffBand.class);
        bands.addAll(bill.kwhPerBand().keySet());
        bands.addAll(metered.kwhPerBand().keySet());
        for (TariffBand b : bands) {
            rows.add(row(words.format("bill.bandKwh", words.band(b)), "kWh", metered.kwhPerBand().getOrDefault(b, 0.0),
                    bill.kwhPerBand().getOrDefault(b, 0.0), tolerancePercent, words));
        }
        rows.add(row(words.get("bill.totalKwh"), "kWh",
                metered.kwhPerBand().values().stream().mapToDouble(Double::doubleValue).sum(), bill.totalKwh(),
                tolerancePercent, words));
        rows.add(row(words.get("bill.maxDemand"), "kW", metered.maxDemandKw(), bill.maxDemandKw(), tolerancePercent, words));
        rows.add(row(words.get("bill.powerFactor"), "", metered.powerFactor(), bill.powerFactor(), tolerancePercent, words));
        rows.add(row(words.get("bill.amount"), currency, metered.amount(), bill.amount(), tolerancePercent, words));
        return new View(words.get("view.bill"), words.format("view.bill.title", bill.month(), tolerancePercent,
                bill.enteredBy()), columns, rows, null);
    }

    private static TableRow row(String item, String unit, Double metered, Double billed, double tolerance, Words words) {
        if (metered == null || billed == null) {
            return TableRow.of(item, unit, metered, billed, null, null, words.get("bill.notCompared"));
        }
        double diff = metered - billed;
        Double percent = billed == 0 ? null : 100.0 * diff / billed;
        boolean flagged = percent == null ? Math.abs(diff) > 1e-9 : Math.abs(percent) > tolerance;
        return TableRow.of(item, unit, metered, billed, diff, percent,
                flagged ? words.get("bill.aboveTolerance") : words.get("bill.withinTolerance")).flagged(flagged);
    }
}
