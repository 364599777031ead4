package io.wattline.analytics.tariff;

import io.wattline.core.plant.TariffBand;
import io.wattline.core.plant.TariffPeriod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a tariff file (YAML, format in analytics/README.md) into a {@link TouTariff}. The only
 * class of this module that touches Jackson. Syntax errors carry the line; content errors name the
 * file and the field path.
 */
public final class TariffFileLoader {

    /** Tariff files shipped in this module under {@code tariffs/}. */
    public static final List<String> BUNDLED = List.of("guangdong-2021", "sichuan-2023");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a misspelt field is an error
            .build();

    private TariffFileLoader() {
    }

    /** A bundled tariff by id, e.g. {@code guangdong-2021}. */
    public static TouTariff bundled(String id) {
        String resource = "tariffs/" + id + ".yaml";
        try (InputStream in = TariffFileLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled tariff " + id + " (expected resource "
                        + resource + "; bundled: " + BUNDLED + ")");
            }
            return parse(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    public static TouTariff load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading tariff file " + file, e);
        }
    }

    /** Parses one tariff file; {@code source} names it in error messages. */
    public static TouTariff parse(String source, InputStream in) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(in);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new TariffFileException(source + where + ": " + e.getOriginalMessage(), e);
        }
        TariffFile file;
        try {
            // binding from the tree: Jackson's locations would point at the end of the document,
            // so the message names the field path instead
            file = MAPPER.treeToValue(tree, TariffFile.class);
        } catch (JacksonException e) {
            throw new TariffFileException(source + ": " + fieldPath(e) + ": " + e.getOriginalMessage(), e);
        }
        if (file == null) {
            throw new TariffFileException(source + ": the file is empty", null);
        }
        return new Reader(source).tariff(file);
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }

    /** Content checks with the field path in every message. */
    private record Reader(String source) {

        TouTariff tariff(TariffFile f) {
            String id = required(f.id(), "id");
            Map<TariffBand, Double> prices = prices(f.prices());
            List<TariffSeason> seasons = new ArrayList<>();
            List<SeasonEntry> seasonEntries = requiredList(f.seasons(), "seasons");
            for (int s = 0; s < seasonEntries.size(); s++) {
                seasons.add(season(seasonEntries.get(s), "seasons[" + s + "]"));
            }
            Map<LocalDate, String> overrides = new LinkedHashMap<>();
            List<OverrideEntry> overrideEntries = f.dayOverrides() == null ? List.of() : f.dayOverrides();
            for (int o = 0; o < overrideEntries.size(); o++) {
                String path = "day_overrides[" + o + "]";
                OverrideEntry entry = overrideEntries.get(o);
                overrides.put(date(entry.date(), path + ".date"), required(entry.season(), path + ".season"));
            }
            List<TariffSource> sources = new ArrayList<>();
            List<SourceEntry> sourceEntries = requiredList(f.sources(), "sources");
            for (int i = 0; i < sourceEntries.size(); i++) {
                SourceEntry entry = sourceEntries.get(i);
                sources.add(new TariffSource(required(entry.title(), "sources[" + i + "].title"), entry.url(),
                        required(entry.verified(), "sources[" + i + "].verified")));
            }
            try {
                return new TouTariff(id, required(f.name(), "name"), required(f.region(), "region"),
                        required(f.currency(), "currency"), date(f.effectiveFrom(), "effective_from"), sources,
                        f.pricesIllustrative() == null || f.pricesIllustrative(), prices, seasons, overrides,
                        optional(f.demandChargePerKwMonth(), "demand_charge_per_kw_month"),
                        optional(f.capacityChargePerKvaMonth(), "capacity_charge_per_kva_month"),
                        powerFactor(f.powerFactorAdjustment()));
            } catch (IllegalArgumentException e) {
                throw new TariffFileException(source + ": " + e.getMessage(), e);
            }
        }

        Map<TariffBand, Double> prices(PriceEntry p) {
            if (p == null) {
                throw error("prices", "missing; expected per_band or flat_price with ratios");
            }
            Map<TariffBand, Double> prices = new EnumMap<>(TariffBand.class);
            if (p.perBand() != null) {
                if (p.flatPrice() != null || p.ratios() != null) {
                    throw error("prices", "give either per_band or flat_price with ratios, not both");
                }
                p.perBand().forEach((band, price) ->
                        prices.put(band(band, "prices.per_band." + band), positive(price, "prices.per_band." + band)));
            } else {
                double flat = positive(p.flatPrice(), "prices.flat_price");
                if (p.ratios() == null) {
                    throw error("prices.ratios", "missing; expected a ratio to the flat price per band");
                }
                p.ratios().forEach((band, ratio) ->
                        prices.put(band(band, "prices.ratios." + band), flat * positive(ratio, "prices.ratios." + band)));
            }
            return prices;
        }

        Optional<PowerFactorAdjustment> powerFactor(PowerFactorEntry p) {
            if (p == null) {
                return Optional.empty();
            }
            String path = "power_factor_adjustment";
            double standard = positive(p.standard(), path + ".standard");
            List<PowerFactorAdjustment.Row> rows = new ArrayList<>();
            List<PowerFactorRowEntry> entries = requiredList(p.table(), path + ".table");
            for (int i = 0; i < entries.size(); i++) {
                PowerFactorRowEntry e = entries.get(i);
                String rowPath = path + ".table[" + i + "]";
                if (e.percent() == null || !Double.isFinite(e.percent())) {
                    throw error(rowPath + ".percent", "expected a number, got " + e.percent());
                }
                rows.add(new PowerFactorAdjustment.Row(positive(e.pf(), rowPath + ".pf"), e.percent()));
            }
            double below = positive(p.belowTablePercentPerHundredth(), path + ".below_table_percent_per_hundredth");
            try {
                return Optional.of(new PowerFactorAdjustment(standard, rows, below,
                        required(p.basis(), path + ".basis")));
            } catch (IllegalArgumentException e) {
                throw new TariffFileException(source + ": " + path + ": " + e.getMessage(), e);
            }
        }

        TariffSeason season(SeasonEntry s, String path) {
            String name = required(s.name(), path + ".name");
            Set<Month> months = new HashSet<>();
            for (Integer m : requiredList(s.months(), path + ".months")) {
                if (m == null || m < 1 || m > 12) {
                    throw error(path + ".months", "expected month numbers 1-12, got " + m);
                }
                months.add(Month.of(m));
            }
            List<TariffPeriod> periods = new ArrayList<>();
            List<PeriodEntry> entries = requiredList(s.periods(), path + ".periods");
            for (int i = 0; i < entries.size(); i++) {
                String p = path + ".periods[" + i + "]";
                PeriodEntry e = entries.get(i);
                periods.add(new TariffPeriod(time(e.start(), p + ".start"), time(e.end(), p + ".end"),
                        band(e.band(), p + ".band")));
            }
            return new TariffSeason(name, months, periods);
        }

        TariffBand band(String name, String path) {
            try {
                return TariffBand.valueOf(required(name, path).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(path, "expected one of critical_peak, peak, flat, valley, deep_valley, got '"
                        + name + "'");
            }
        }

        LocalTime time(String text, String path) {
            String t = required(text, path).trim();
            if (t.equals("24:00")) {
                return LocalTime.MIDNIGHT;
            }
            try {
                return LocalTime.parse(t);
            } catch (DateTimeException e) {
                throw error(path, "expected a time HH:MM (24:00 allowed as an end), got '" + text + "'");
            }
        }

        LocalDate date(String text, String path) {
            try {
                return LocalDate.parse(required(text, path).trim());
            } catch (DateTimeException e) {
                throw error(path, "expected a date YYYY-MM-DD, got '" + text + "'");
            }
        }

        double positive(Double value, String path) {
            if (value == null || !(value > 0) || value.isInfinite()) {
                throw error(path, "expected a positive number, got " + value);
            }
            return value;
        }

        OptionalDouble optional(Double value, String path) {
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(positive(value, path));
        }

        String required(String value, String path) {
            if (value == null || value.isBlank()) {
                throw error(path, "missing");
            }
            return value;
        }

        <T> List<T> requiredList(List<T> value, String path) {
            if (value == null || value.isEmpty()) {
                throw error(path, "missing or empty");
            }
            return value;
        }

        TariffFileException error(String path, String what) {
            return new TariffFileException(source + ": " + path + ": " + what, null);
        }
    }

    record TariffFile(String id, String name, String region, String currency, String effectiveFrom,
            List<SourceEntry> sources, Boolean pricesIllustrative, PriceEntry prices,
            Double demandChargePerKwMonth, Double capacityChargePerKvaMonth, List<SeasonEntry> seasons,
            List<OverrideEntry> dayOverrides, PowerFactorEntry powerFactorAdjustment) {
    }

    record PowerFactorEntry(Double standard, String basis, List<PowerFactorRowEntry> table,
            Double belowTablePercentPerHundredth) {
    }

    record PowerFactorRowEntry(Double pf, Double percent) {
    }

    record SourceEntry(String title, String url, String verified) {
    }

    record PriceEntry(Double flatPrice, Map<String, Double> ratios, Map<String, Double> perBand) {
    }

    record SeasonEntry(String name, List<Integer> months, List<PeriodEntry> periods) {
    }

    record PeriodEntry(String start, String end, String band) {
    }

    record OverrideEntry(String date, String season, String reason) {
    }
}
