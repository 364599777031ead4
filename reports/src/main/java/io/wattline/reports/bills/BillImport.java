package io.wattline.reports.bills;

import io.wattline.core.tariff.TariffBand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads utility bills from CSV (UTF-8, a BOM allowed, a header line required):
 * {@code month,valley,flat,peak,critical_peak,deep_valley,max_demand_kw,power_factor,amount,note}; band
 * columns may be left out or empty, {@code month} and {@code amount} may not. Every bad line is
 * reported with its number and what was wrong; the good ones are returned.
 */
public final class BillImport {

    /** The bills read and the lines refused (1 = the header). */
    public record Result(List<UtilityBill> bills, List<Rejection> rejected) {
    }

    public record Rejection(int line, String reason) {
    }

    private BillImport() {
    }

    public static Result parse(Reader reader, String enteredBy, Instant enteredAt) {
        List<UtilityBill> bills = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String header = in.readLine();
            if (header == null) {
                rejected.add(new Rejection(1, "empty file: expected a header line month,valley,flat,peak,...,amount"));
                return new Result(bills, rejected);
            }
            List<String> columns = List.of(header.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
            if (!columns.contains("month") || !columns.contains("amount")) {
                rejected.add(new Rejection(1, "the header needs the columns month and amount, got: " + header));
                return new Result(bills, rejected);
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    bills.add(bill(columns, line.split(",", -1), enteredBy, enteredAt));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    rejected.add(new Rejection(number, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bill file: " + e.getMessage(), e);
        }
        return new Result(bills, rejected);
    }

    private static UtilityBill bill(List<String> columns, String[] cells, String by, Instant at) {
        if (cells.length > columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns"
                    + " (a note with a comma must not be in this file)");
        }
        Map<TariffBand, Double> kwh = new EnumMap<>(TariffBand.class);
        YearMonth month = null;
        Double maxDemand = null;
        Double pf = null;
        Double amount = null;
        String note = null;
        for (int i = 0; i < cells.length; i++) {
            String column = columns.get(i);
            String cell = cells[i].trim();
            if (cell.isEmpty()) {
                continue;
            }
            switch (column) {
                case "month" -> month = UtilityBill.plausibleMonth(YearMonth.parse(cell));
                case "max_demand_kw" -> maxDemand = number(column, cell);
                case "power_factor" -> pf = number(column, cell);
                case "amount" -> amount = number(column, cell);
                case "note" -> note = cell;
                default -> kwh.put(band(column), number(column, cell));
            }
        }
        if (month == null || amount == null) {
            throw new IllegalArgumentException("month (YYYY-MM) and amount are required");
        }
        return new UtilityBill(month, kwh, maxDemand, pf, amount, note, by, at);
    }

    private static TariffBand band(String column) {
        try {
            return TariffBand.valueOf(column.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown column '" + column + "' (expected month, critical_peak, peak,"
                    + " flat, valley, deep_valley, max_demand_kw, power_factor, amount, note)");
        }
    }

    private static double number(String column, String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": '" + cell + "' is not a number");
        }
    }
}
