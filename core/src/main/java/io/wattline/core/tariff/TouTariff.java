package io.wattline.core.tariff;

import io.wattline.core.plant.EnergyCarrier;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A time-of-use electricity tariff of one region: seasons (by month) with daily band periods, an
 * energy price per band (currency per kWh), optional demand and capacity charges of a two-part
 * tariff, an optional power-factor adjustment (力调电费), and dates on which another season's
 * pattern applies (Guangdong's 35 °C critical-peak days).
 * Construction checks that every month has one season and every season's periods tile the day.
 * Plain data for every module: the plant carries its resolved tariff (config loads it), analytics
 * prices counters with it.
 */
public record TouTariff(String id, String name, String region, String currency, LocalDate effectiveFrom,
        List<TariffSource> sources, boolean pricesIllustrative, Map<TariffBand, Double> pricePerKwh,
        List<TariffSeason> seasons, Map<LocalDate, String> dayOverrides,
        OptionalDouble demandChargePerKwMonth, OptionalDouble capacityChargePerKvaMonth,
        Optional<PowerFactorAdjustment> powerFactorAdjustment, List<CarrierPrice> carrierPrices) {

    private static final int DAY_SECONDS = 24 * 3600;

    /** A tariff that prices electricity only. */
    public TouTariff(String id, String name, String region, String currency, LocalDate effectiveFrom,
            List<TariffSource> sources, boolean pricesIllustrative, Map<TariffBand, Double> pricePerKwh,
            List<TariffSeason> seasons, Map<LocalDate, String> dayOverrides,
            OptionalDouble demandChargePerKwMonth, OptionalDouble capacityChargePerKvaMonth,
            Optional<PowerFactorAdjustment> powerFactorAdjustment) {
        this(id, name, region, currency, effectiveFrom, sources, pricesIllustrative, pricePerKwh, seasons,
                dayOverrides, demandChargePerKwMonth, capacityChargePerKvaMonth, powerFactorAdjustment, List.of());
    }

    /** A tariff without a power-factor adjustment. */
    public TouTariff(String id, String name, String region, String currency, LocalDate effectiveFrom,
            List<TariffSource> sources, boolean pricesIllustrative, Map<TariffBand, Double> pricePerKwh,
            List<TariffSeason> seasons, Map<LocalDate, String> dayOverrides,
            OptionalDouble demandChargePerKwMonth, OptionalDouble capacityChargePerKvaMonth) {
        this(id, name, region, currency, effectiveFrom, sources, pricesIllustrative, pricePerKwh, seasons,
                dayOverrides, demandChargePerKwMonth, capacityChargePerKvaMonth, Optional.empty());
    }

    public TouTariff {
        powerFactorAdjustment = powerFactorAdjustment == null ? Optional.empty() : powerFactorAdjustment;
        carrierPrices = carrierPrices == null ? List.of() : List.copyOf(carrierPrices);
        if (carrierPrices.stream().map(CarrierPrice::carrier).distinct().count() != carrierPrices.size()) {
            throw new IllegalArgumentException("tariff " + id + ": a carrier is priced twice in " + carrierPrices);
        }
        sources = List.copyOf(sources);
        pricePerKwh = Map.copyOf(pricePerKwh);
        seasons = List.copyOf(seasons);
        dayOverrides = Map.copyOf(dayOverrides);
        Set<Month> covered = EnumSet.noneOf(Month.class);
        for (TariffSeason season : seasons) {
            for (Month month : season.months()) {
                if (!covered.add(month)) {
                    throw new IllegalArgumentException("tariff " + id + ": month " + month
                            + " is in more than one season (season " + season.name() + ")");
                }
            }
            checkTiling(id, season);
            for (TariffPeriod period : season.periods()) {
                if (!pricePerKwh.containsKey(period.band())) {
                    throw new IllegalArgumentException("tariff " + id + ", season " + season.name()
                            + ": band " + period.band() + " has no price");
                }
            }
        }
        if (covered.size() != 12) {
            Set<Month> missing = EnumSet.allOf(Month.class);
            missing.removeAll(covered);
            throw new IllegalArgumentException("tariff " + id + ": months without a season: " + missing);
        }
        for (Map.Entry<LocalDate, String> override : dayOverrides.entrySet()) {
            if (seasons.stream().noneMatch(s -> s.name().equals(override.getValue()))) {
                throw new IllegalArgumentException("tariff " + id + ": day override " + override.getKey()
                        + " names unknown season " + override.getValue());
            }
        }
    }

    /** The season whose pattern applies on a local date (a day override wins over the month). */
    public TariffSeason seasonOn(LocalDate day) {
        String override = dayOverrides.get(day);
        for (TariffSeason season : seasons) {
            if (override != null ? season.name().equals(override) : season.months().contains(day.getMonth())) {
                return season;
            }
        }
        throw new IllegalStateException("tariff " + id + ": no season for " + day);
    }

    /** The band in force at a local date and time (the plant's clock). */
    public TariffBand bandAt(LocalDateTime local) {
        int second = local.toLocalTime().toSecondOfDay();
        TariffSeason season = seasonOn(local.toLocalDate());
        for (int[] segment : sortedSegments(season)) {
            if (second >= segment[0] && second < segment[1]) {
                return season.periods().get(segment[2]).band();
            }
        }
        throw new IllegalStateException("tariff " + id + ": no period at " + local); // tiling makes this unreachable
    }

    public double price(TariffBand band) {
        Double price = pricePerKwh.get(band);
        if (price == null) {
            throw new IllegalArgumentException("tariff " + id + ": band " + band + " has no price");
        }
        return price;
    }

    /** The band intervals covering [from, to) in the plant's zone, adjacent equal bands merged. */
    public List<BandInterval> bandIntervals(Instant from, Instant to, ZoneId zone) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: [" + from + ", " + to + ")");
        }
        List<BandInterval> intervals = new ArrayList<>();
        LocalDate day = from.atZone(zone).toLocalDate();
        while (day.atStartOfDay(zone).toInstant().isBefore(to)) {
            TariffSeason season = seasonOn(day);
            for (int[] segment : sortedSegments(season)) {
                Instant start = day.atStartOfDay().plusSeconds(segment[0]).atZone(zone).toInstant();
                Instant end = day.atStartOfDay().plusSeconds(segment[1]).atZone(zone).toInstant();
                start = start.isBefore(from) ? from : start;
                end = end.isAfter(to) ? to : end;
                if (end.isAfter(start)) {
                    TariffBand band = season.periods().get(segment[2]).band();
                    int last = intervals.size() - 1;
                    if (last >= 0 && intervals.get(last).band() == band && intervals.get(last).end().equals(start)) {
                        intervals.set(last, new BandInterval(band, intervals.get(last).start(), end));
                    } else {
                        intervals.add(new BandInterval(band, start, end));
                    }
                }
            }
            day = day.plusDays(1);
        }
        return intervals;
    }

    /** The price per {@code unit} of a non-electric carrier, empty when the tariff has none in that unit. */
    public OptionalDouble carrierPrice(EnergyCarrier carrier, String unit) {
        return carrierPrices.stream().filter(p -> p.carrier() == carrier && p.unit().equals(unit))
                .mapToDouble(CarrierPrice::price).findFirst();
    }

    /** Demand charge for a month's maximum demand, if this is a two-part tariff with one. */
    public OptionalDouble demandCharge(double maximumDemandKw) {
        return demandChargePerKwMonth.isPresent()
                ? OptionalDouble.of(maximumDemandKw * demandChargePerKwMonth.getAsDouble())
                : OptionalDouble.empty();
    }

    /** Capacity charge for a contracted or installed capacity in kVA, if the tariff has one. */
    public OptionalDouble capacityCharge(double capacityKva) {
        return capacityChargePerKvaMonth.isPresent()
                ? OptionalDouble.of(capacityKva * capacityChargePerKvaMonth.getAsDouble())
                : OptionalDouble.empty();
    }

    /** Segments {startSecond, endSecond, periodIndex} of a local day, sorted; wrapping periods split. */
    private static List<int[]> sortedSegments(TariffSeason season) {
        List<int[]> segments = new ArrayList<>();
        for (int i = 0; i < season.periods().size(); i++) {
            TariffPeriod p = season.periods().get(i);
            int start = p.start().toSecondOfDay();
            int end = p.end().equals(LocalTime.MIDNIGHT) ? DAY_SECONDS : p.end().toSecondOfDay();
            if (end > start) {
                segments.add(new int[] {start, end, i});
            } else {
                segments.add(new int[] {0, end, i});
                segments.add(new int[] {start, DAY_SECONDS, i});
            }
        }
        segments.removeIf(s -> s[1] <= s[0]);
        segments.sort((a, b) -> Integer.compare(a[0], b[0]));
        return segments;
    }

    private static void checkTiling(String id, TariffSeason season) {
        int expected = 0;
        for (int[] segment : sortedSegments(season)) {
            if (segment[0] != expected) {
                throw new IllegalArgumentException("tariff " + id + ", season " + season.name()
                        + ": periods " + (segment[0] > expected ? "leave a gap" : "overlap") + " at "
                        + LocalTime.ofSecondOfDay(Math.min(expected, segment[0]) % DAY_SECONDS));
            }
            expected = segment[1];
        }
        if (expected != DAY_SECONDS) {
            throw new IllegalArgumentException("tariff " + id + ", season " + season.name()
                    + ": periods leave a gap at " + LocalTime.ofSecondOfDay(expected % DAY_SECONDS));
        }
    }
}
