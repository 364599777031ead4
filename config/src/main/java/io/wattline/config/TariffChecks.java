package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.core.tariff.TariffBand;
import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What the tariff schema cannot say, each error located: every month in exactly one season, each
 * season's periods tile the day, every band used has a price, day overrides name a season, dates
 * are real, the power-factor table is complete. Runs also when the schema failed (so every error
 * shows at once), reading defensively and skipping what the schema reports.
 */
final class TariffChecks {

    private static final Set<String> PRICE_FIELDS = Set.of("per_band", "flat_price", "ratios");

    private final YamlDocument doc;
    private final String base;
    private final List<ValidationError> errors = new ArrayList<>();

    /** @param base JSON Pointer of the tariff: {@code ""} for a tariff file, {@code /tariff} inline */
    TariffChecks(YamlDocument doc, String base) {
        this.doc = doc;
        this.base = base;
    }

    List<ValidationError> run() {
        JsonNode tariff = doc.at(base);
        if (!tariff.isObject()) {
            return errors;
        }
        date(base + "/effective_from");
        Optional<Priced> priced = prices(tariff.path("prices"));
        List<String> seasons = seasons(tariff.path("seasons"), priced);
        dayOverrides(tariff.path("day_overrides"), seasons);
        powerFactor(tariff.path("power_factor_adjustment"));
        carrierUnits(tariff.path("carrier_prices"));
        return errors;
    }

    /** The units each carrier's counters are read in (steam by mass or, from a vortex meter, by volume). */
    private static final Map<String, Set<String>> CARRIER_UNITS = Map.of("water", Set.of("m3"),
            "natural_gas", Set.of("m3"), "compressed_air", Set.of("m3"), "steam", Set.of("t", "m3"),
            "heat", Set.of("kWh"));

    /** A price per unit the carrier's counters never read would silently price nothing. */
    private void carrierUnits(JsonNode prices) {
        if (!prices.isObject()) {
            return;
        }
        for (String carrier : prices.propertyNames()) {
            String unit = text(prices.get(carrier), "unit");
            Set<String> units = CARRIER_UNITS.get(carrier);
            if (unit != null && units != null && !units.contains(unit)) {
                errors.add(doc.error(base + "/carrier_prices/" + carrier + "/unit", carrier + " is metered in "
                        + String.join(" or ", new java.util.TreeSet<>(units)) + ", not " + unit));
            }
        }
    }

    /** The bands that have a price, and where they are given. */
    private record Priced(Set<TariffBand> bands, String field) {
    }

    private Optional<Priced> prices(JsonNode prices) {
        String at = base + "/prices";
        if (!prices.isObject() || prices.propertyNames().stream().anyMatch(f -> !PRICE_FIELDS.contains(f))) {
            return Optional.empty(); // missing, not a mapping or a misspelt field: the schema says so
        }
        boolean perBand = prices.has("per_band");
        boolean flat = prices.has("flat_price");
        boolean ratios = prices.has("ratios");
        if (perBand && (flat || ratios)) {
            errors.add(doc.error(at + "/per_band", "give either per_band or flat_price with ratios, not both"));
            return Optional.empty();
        }
        if (!perBand && !flat && !ratios) {
            errors.add(doc.error(at, "expected per_band (a price per band) or flat_price with ratios"));
            return Optional.empty();
        }
        if (!perBand && !(flat && ratios)) {
            errors.add(flat ? doc.error(at + "/flat_price", "flat_price needs ratios (band: multiple of flat_price)")
                    : doc.error(at + "/ratios", "ratios need flat_price (the price they multiply)"));
            return Optional.empty();
        }
        String field = perBand ? "per_band" : "ratios";
        Set<TariffBand> bands = EnumSet.noneOf(TariffBand.class);
        prices.path(field).propertyNames().forEach(name -> band(name).ifPresent(bands::add));
        return Optional.of(new Priced(bands, doc.fieldOf(at + "/" + field)));
    }

    /** Unique names, each month once, tiling periods with priced bands; returns the season names. */
    private List<String> seasons(JsonNode seasons, Optional<Priced> priced) {
        List<String> names = new ArrayList<>();
        Map<Integer, String> seasonOfMonth = new TreeMap<>();
        Map<String, Integer> nameIndex = new HashMap<>();
        Set<TariffBand> unpricedReported = EnumSet.noneOf(TariffBand.class);
        boolean monthsReadable = seasons.isArray() && !seasons.isEmpty();
        for (Indexed season : objects(seasons)) {
            String at = base + "/seasons/" + season.index();
            String name = text(season.node(), "name");
            if (name != null) {
                Integer first = nameIndex.putIfAbsent(name, season.index());
                if (first != null) {
                    errors.add(doc.error(at + "/name", "season '" + name + "' is defined twice (also on line "
                            + doc.lineOf(base + "/seasons/" + first) + ")"));
                }
                names.add(name);
            }
            String label = name == null ? doc.fieldOf(at) : "'" + name + "'";
            JsonNode months = season.node().path("months");
            for (int i = 0; months.isArray() && i < months.size(); i++) {
                JsonNode month = months.get(i);
                if (!month.isIntegralNumber() || month.asInt() < 1 || month.asInt() > 12) {
                    monthsReadable = false; // the schema reported it
                    continue;
                }
                String owner = seasonOfMonth.putIfAbsent(month.asInt(), label);
                if (owner != null) {
                    errors.add(doc.error(at + "/months/" + i, "month " + monthName(month.asInt())
                            + " is already in season " + owner + " (every month belongs to exactly one season)"));
                }
            }
            monthsReadable &= months.isArray();
            periods(at + "/periods", season.node().path("periods"), priced, unpricedReported);
        }
        if (monthsReadable && objects(seasons).size() == seasons.size() && seasonOfMonth.size() < 12) {
            List<String> missing = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                if (!seasonOfMonth.containsKey(m)) {
                    missing.add(monthName(m));
                }
            }
            errors.add(doc.error(base + "/seasons", "months without a season: " + String.join(", ", missing)
                    + " (every month belongs to exactly one season)"));
        }
        return names;
    }

    private void periods(String at, JsonNode periods, Optional<Priced> priced, Set<TariffBand> unpricedReported) {
        List<DayTiling.Window> windows = new ArrayList<>();
        boolean complete = periods.isArray() && !periods.isEmpty();
        for (int i = 0; periods.isArray() && i < periods.size(); i++) {
            JsonNode period = periods.get(i);
            String start = text(period, "start");
            if ("24:00".equals(start)) {
                errors.add(doc.error(at + "/" + i + "/start", "24:00 can only be an end (start the day at \"00:00\")"));
            }
            LocalTime from = "24:00".equals(start) ? null : time(start);
            LocalTime to = time(text(period, "end"));
            if (from == null || to == null) {
                complete = false; // reported above or by the schema; a tiling check now would only add noise
            } else {
                windows.add(new DayTiling.Window(i, from, to));
            }
            Optional<TariffBand> band = band(text(period, "band"));
            if (band.isPresent() && priced.isPresent() && !priced.get().bands().contains(band.get())
                    && unpricedReported.add(band.get())) {
                errors.add(doc.error(at + "/" + i + "/band", "band '" + text(period, "band") + "' has no price (add it to "
                        + priced.get().field() + ")"));
            }
        }
        if (!complete) {
            return;
        }
        for (DayTiling.Fault fault : DayTiling.faults(windows)) {
            if (fault.isGap()) {
                errors.add(doc.error(at, "no period covers " + DayTiling.span(fault)
                        + " (periods must tile the 24 hours exactly)"));
            } else {
                int last = fault.owners().get(fault.owners().size() - 1);
                List<String> owners = fault.owners().stream().map(o -> "periods[" + o + "]").toList();
                errors.add(doc.error(at + "/" + last, String.join(" and ", owners) + " overlap at "
                        + DayTiling.span(fault) + " (periods must tile the 24 hours exactly)"));
            }
        }
    }

    private void dayOverrides(JsonNode overrides, List<String> seasons) {
        Map<String, Integer> dates = new HashMap<>();
        for (Indexed override : objects(overrides)) {
            String at = base + "/day_overrides/" + override.index();
            LocalDate date = date(at + "/date");
            if (date != null) {
                Integer first = dates.putIfAbsent(date.toString(), override.index());
                if (first != null) {
                    errors.add(doc.error(at + "/date", "date " + date + " is overridden twice (also on line "
                            + doc.lineOf(base + "/day_overrides/" + first) + ")"));
                }
            }
            String season = text(override.node(), "season");
            if (season != null && !season.isEmpty() && !seasons.contains(season)) {
                errors.add(doc.error(at + "/season", "unknown season '" + season + "' (expected one of: "
                        + String.join(", ", seasons) + ")" + Spelling.didYouMean(season, seasons)));
            }
        }
    }

    /** The table's own rules (contiguous rows, 0 % at the standard) come from the core record. */
    private void powerFactor(JsonNode rule) {
        if (!TariffMapper.readablePowerFactor(rule)) {
            return; // absent, or the schema reports what is wrong with it
        }
        try {
            TariffMapper.powerFactor(rule);
        } catch (IllegalArgumentException e) {
            errors.add(doc.error(base + "/power_factor_adjustment/table", e.getMessage()));
        }
    }

    /** A real calendar date at the pointer, or null (then the schema or this check has said why). */
    private LocalDate date(String pointer) {
        JsonNode node = doc.at(pointer);
        if (!node.isString() || !node.asString().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return null;
        }
        try {
            return LocalDate.parse(node.asString());
        } catch (DateTimeParseException e) {
            errors.add(doc.error(pointer, "expected a real date YYYY-MM-DD, got \"" + node.asString() + "\" ("
                    + e.getMessage().replaceFirst("^.*: ", "") + ")"));
            return null;
        }
    }

    /** "HH:MM", or "24:00" as midnight; null when the schema has already rejected the text. */
    static LocalTime time(String text) {
        return "24:00".equals(text) ? LocalTime.MIDNIGHT : CalendarChecks.time(text);
    }

    static Optional<TariffBand> band(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TariffBand.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the schema lists the bands
        }
    }

    private static String monthName(int month) {
        return month + " (" + Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
    }
}
