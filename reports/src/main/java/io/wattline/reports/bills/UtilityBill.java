package io.wattline.reports.bills;

import io.wattline.core.tariff.TariffBand;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * The utility's electricity bill of one month as finance entered or imported it: kWh per band,
 * maximum demand, power factor and the amount due, with who entered it and when. A later entry for
 * the same month supersedes an earlier one (both stay in the register).
 */
public record UtilityBill(YearMonth month, Map<TariffBand, Double> kwhPerBand, Double maxDemandKw, Double powerFactor,
        double amount, String note, String enteredBy, Instant enteredAt) {

    public UtilityBill {
        kwhPerBand = new TreeMap<>(kwhPerBand);
        kwhPerBand.forEach((band, kwh) -> {
            if (kwh == null || !(kwh >= 0) || kwh.isInfinite()) {
                throw new IllegalArgumentException("kwh." + band.name().toLowerCase(java.util.Locale.ROOT)
                        + ": expected kWh >= 0, got " + kwh);
            }
        });
        if (maxDemandKw != null && !(maxDemandKw >= 0)) {
            throw new IllegalArgumentException("maxDemandKw: expected kW >= 0, got " + maxDemandKw);
        }
        if (powerFactor != null && !(powerFactor > 0 && powerFactor <= 1)) {
            throw new IllegalArgumentException("powerFactor: expected 0 < pf <= 1, got " + powerFactor);
        }
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("amount: expected an amount >= 0, got " + amount);
        }
        kwhPerBand = Map.copyOf(kwhPerBand);
    }

    public double totalKwh() {
        return kwhPerBand.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The first and last month a bill may be entered for (the plausible window 1970–2199). */
    public static final YearMonth FIRST_MONTH = YearMonth.of(1970, 1);
    public static final YearMonth LAST_MONTH = YearMonth.of(2199, 12);

    /**
     * {@code month} when a bill could be for it; checked where bills are entered, not when stored ones
     * are read back, so that nothing already stored stops loading.
     *
     * @throws IllegalArgumentException naming the allowed months
     */
    public static YearMonth plausibleMonth(YearMonth month) {
        if (month.isBefore(FIRST_MONTH) || month.isAfter(LAST_MONTH)) {
            throw new IllegalArgumentException("month: expected " + FIRST_MONTH + " to " + LAST_MONTH + ", got "
                    + month + " (月份超出合理范围)");
        }
        return month;
    }
}
