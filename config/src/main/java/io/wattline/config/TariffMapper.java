package io.wattline.config;

import static io.wattline.config.ConfigNodes.text;

import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.tariff.CarrierPrice;
import io.wattline.core.tariff.PowerFactorAdjustment;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TariffPeriod;
import io.wattline.core.tariff.TariffSeason;
import io.wattline.core.tariff.TariffSource;
import io.wattline.core.tariff.TouTariff;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns a checked tariff tree (a tariff file, or a plant file's inline {@code tariff:}) into core's
 * {@link TouTariff}. Runs only on trees that passed the schema and {@link TariffChecks}.
 */
final class TariffMapper {

    private TariffMapper() {
    }

    static TouTariff map(JsonNode t) {
        List<TariffSource> sources = new ArrayList<>();
        t.path("sources").forEach(s -> sources.add(new TariffSource(text(s, "title"), text(s, "url"),
                text(s, "verified"))));
        List<TariffSeason> seasons = new ArrayList<>();
        t.path("seasons").forEach(s -> seasons.add(season(s)));
        Map<LocalDate, String> overrides = new LinkedHashMap<>();
        t.path("day_overrides").forEach(o -> overrides.put(LocalDate.parse(text(o, "date")), text(o, "season")));
        JsonNode rule = t.path("power_factor_adjustment");
        return new TouTariff(text(t, "id"), text(t, "name"), text(t, "region"), text(t, "currency"),
                LocalDate.parse(text(t, "effective_from")), sources,
                !t.has("prices_illustrative") || t.path("prices_illustrative").asBoolean(), prices(t.path("prices")),
                seasons, overrides, optional(t.path("demand_charge_per_kw_month")),
                optional(t.path("capacity_charge_per_kva_month")),
                rule.isObject() ? Optional.of(powerFactor(rule)) : Optional.empty(),
                carrierPrices(t.path("carrier_prices")));
    }

    /** {@code carrier_prices: { water: { price: 4.1, unit: m3 } }}: currency per unit of each carrier's counter. */
    private static List<CarrierPrice> carrierPrices(JsonNode prices) {
        List<CarrierPrice> out = new ArrayList<>();
        prices.propertyNames().forEach(carrier -> out.add(new CarrierPrice(EnergyCarrier.parse(carrier),
                text(prices.get(carrier), "unit"), prices.get(carrier).path("price").asDouble())));
        return out;
    }

    /** Prices per band, or flat_price × each band's ratio (as notices publish them). */
    private static Map<TariffBand, Double> prices(JsonNode p) {
        Map<TariffBand, Double> prices = new EnumMap<>(TariffBand.class);
        if (p.has("per_band")) {
            JsonNode perBand = p.path("per_band");
            perBand.propertyNames().forEach(band -> prices.put(band(band), perBand.get(band).asDouble()));
        } else {
            double flat = p.path("flat_price").asDouble();
            JsonNode ratios = p.path("ratios");
            ratios.propertyNames().forEach(band -> prices.put(band(band), flat * ratios.get(band).asDouble()));
        }
        return prices;
    }

    private static TariffSeason season(JsonNode s) {
        Set<Month> months = new HashSet<>();
        s.path("months").forEach(m -> months.add(Month.of(m.asInt())));
        List<TariffPeriod> periods = new ArrayList<>();
        s.path("periods").forEach(p -> periods.add(new TariffPeriod(TariffChecks.time(text(p, "start")),
                TariffChecks.time(text(p, "end")), band(text(p, "band")))));
        return new TariffSeason(text(s, "name"), months, periods);
    }

    /** True when every field the rule needs is there with its type (the schema reports the rest). */
    static boolean readablePowerFactor(JsonNode rule) {
        if (!rule.isObject() || !rule.path("standard").isNumber() || !rule.path("table").isArray()
                || !rule.path("below_table_percent_per_hundredth").isNumber()) {
            return false;
        }
        for (JsonNode row : rule.path("table")) {
            if (!row.path("pf").isNumber() || !row.path("percent").isNumber()) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException when the table breaks the rule's own invariants */
    static PowerFactorAdjustment powerFactor(JsonNode rule) {
        List<PowerFactorAdjustment.Row> rows = new ArrayList<>();
        rule.path("table").forEach(r -> rows.add(new PowerFactorAdjustment.Row(r.path("pf").asDouble(),
                r.path("percent").asDouble())));
        return new PowerFactorAdjustment(rule.path("standard").asDouble(), rows,
                rule.path("below_table_percent_per_hundredth").asDouble(), text(rule, "basis"));
    }

    private static OptionalDouble optional(JsonNode value) {
        return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }

    private static TariffBand band(String text) {
        return TariffChecks.band(text).orElseThrow();
    }
}
