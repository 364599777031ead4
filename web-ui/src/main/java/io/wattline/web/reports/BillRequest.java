package io.wattline.web.reports;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.core.tariff.TariffBand;
import io.wattline.reports.bills.UtilityBill;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code POST /api/reports/bills}: {@code {"month":"2026-10","kwh":{"peak":..,"flat":..,
 * "valley":..},"maxDemandKw":..,"powerFactor":..,"amount":..,"note":".."}}; checked field by field.
 */
public record BillRequest(String month, Map<String, Double> kwh, Double maxDemandKw, Double powerFactor,
        Double amount, String note) {

    /** @throws InvalidQueryException naming the field that is wrong */
    UtilityBill toBill(String enteredBy, Instant enteredAt) {
        YearMonth m;
        try {
            m = YearMonth.parse(month == null ? "" : month);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("month", "a month YYYY-MM, e.g. 2026-10", String.valueOf(month));
        }
        if (m.isBefore(UtilityBill.FIRST_MONTH) || m.isAfter(UtilityBill.LAST_MONTH)) {
            throw new InvalidQueryException("month", "a month YYYY-MM from " + UtilityBill.FIRST_MONTH + " to "
                    + UtilityBill.LAST_MONTH, month);
        }
        if (amount == null) {
            throw new InvalidQueryException("amount", "the bill's amount in the tariff's currency", "nothing");
        }
        Map<TariffBand, Double> bands = new EnumMap<>(TariffBand.class);
        if (kwh != null) {
            for (Map.Entry<String, Double> e : kwh.entrySet()) {
                try {
                    bands.put(TariffBand.valueOf(e.getKey().toUpperCase(Locale.ROOT)), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new InvalidQueryException("kwh", "bands critical_peak, peak, flat, valley, deep_valley",
                            e.getKey());
                }
            }
        }
        try {
            return new UtilityBill(m, bands, maxDemandKw, powerFactor, amount, note, enteredBy, enteredAt);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().substring(0, Math.max(0, e.getMessage().indexOf(':')));
            throw new InvalidQueryException(field.isEmpty() ? "bill" : field, e.getMessage(), "see message");
        }
    }
}
