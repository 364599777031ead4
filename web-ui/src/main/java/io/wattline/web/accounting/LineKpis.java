package io.wattline.web.accounting;

import io.wattline.analytics.allocation.DeclaredAccounting;
import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.analytics.kpi.BaselineDeviation;
import io.wattline.analytics.kpi.BaselineModel;
import io.wattline.analytics.kpi.BaselineObservation;
import io.wattline.analytics.kpi.DegreeDays;
import io.wattline.analytics.kpi.LinearBaseline;
import io.wattline.analytics.kpi.ProductionCounts;
import io.wattline.analytics.kpi.ProductionEntry;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.CounterSource;
import io.wattline.analytics.service.MeteredPoint;
import io.wattline.analytics.service.ReadPath;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.web.api.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Specific consumption (energy per unit of product) and the energy baseline of a production line,
 * per period: energy from the accounting report's line rows, production from the line's
 * production counter point or from counts entered by hand ({@link ProductionLog}).
 */
public final class LineKpis {

    /** Where a period's production came from. */
    public enum Source { POINT, MANUAL }

    /** One period: energy, production, energy per unit (null when nothing was produced), degree-days if asked. */
    public record Period(String label, Instant start, Instant end, double energy, double production,
            Double specific, Double degreeDays, boolean productionComplete) {
    }

    /** {@code GET /api/kpi/specific-consumption}. */
    public record SpecificConsumptionReport(String line, String lineName, EnergyCarrier carrier, String energyUnit,
            String productionUnit, Source productionSource, String productionPoint, String period, Instant from,
            Instant to, List<Period> periods, double energy, double production, Double specific) {
    }

    /** Reporting period of a baseline: actual and expected energy, and actual − expected as % of expected. */
    public record BaselinePeriod(String label, Instant start, Instant end, double actual, double expected,
            double production, Double degreeDays, double difference, Double percent) {
    }

    /** {@code GET /api/kpi/baseline}. */
    public record BaselineReport(String line, EnergyCarrier carrier, String energyUnit, Source productionSource,
            String period, Instant baselineFrom, Instant baselineTo, Instant from, Instant to, List<String> variables,
            double intercept, Map<String, Double> coefficients, double rSquared, int observations,
            List<Period> baselinePeriods, List<BaselinePeriod> periods, double actual, double expected,
            double difference, Double percent) {
    }

    private final Plant plant;
    private final AccountingService accounting;
    private final SeriesReader reader;
    private final ProductionLog log;
    private final Function<String, Optional<DeviceProfile>> profiles;
    private final Function<String, Optional<OpcUaProfile>> opcUaProfiles;
    private final CounterSource counters;
    private final Map<PointId, List<CounterEvent>> events;

    public LineKpis(Plant plant, AccountingService accounting, SeriesReader reader, ProductionLog log,
            Function<String, Optional<DeviceProfile>> profiles, Function<String, Optional<OpcUaProfile>> opcUaProfiles) {
        this.plant = plant;
        this.accounting = accounting;
        this.reader = reader;
        this.log = log;
        this.profiles = profiles;
        this.opcUaProfiles = opcUaProfiles;
        this.counters = new CounterSource(reader, Duration.ofMinutes(30), Duration.ofDays(35));
        this.events = DeclaredAccounting.counterEvents(plant);
    }

    public ProductionLog log() {
        return log;
    }

    /** The line, or a 400 naming {@code line}. */
    public ProductionLine line(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidParameterException("line", "a line id: " + lineIds(), id);
        }
        return plant.lines().stream().filter(l -> l.id().equals(id.strip())).findFirst()
                .orElseThrow(() -> new InvalidParameterException("line", "one of " + lineIds(), id));
    }

    private String lineIds() {
        return String.join("|", plant.lines().stream().map(ProductionLine::id).toList());
    }

    /**
     * The first production counter of a meter on the line (a point named {@code good_count} first):
     * the meter's line, or its equipment's line.
     */
    public Optional<MeteredPoint> productionPoint(String lineId) {
        Optional<MeteredPoint> any = Optional.empty();
        for (Meter m : plant.meters()) {
            if (!lineId.equals(lineOf(m))) {
                continue;
            }
            for (Map.Entry<String, Double> p : productionPoints(m).entrySet()) {
                MeteredPoint mp = new MeteredPoint(m.id(), new PointId(m.id(), p.getKey()), Quantity.PRODUCTION_COUNT,
                        p.getValue());
                if (p.getKey().equals("good_count")) {
                    return Optional.of(mp);
                }
                any = any.isPresent() ? any : Optional.of(mp);
            }
        }
        return any;
    }

    private String lineOf(Meter m) {
        if (m.lineId() != null) {
            return m.lineId();
        }
        return m.equipmentId() == null ? null : plant.equipment().stream().filter(e -> e.id().equals(m.equipmentId()))
                .map(Equipment::lineId).findFirst().orElse(null);
    }

    /** Production counter points of the meter's profile, with their wrap span (0: never wraps). */
    private Map<String, Double> productionPoints(Meter m) {
        Map<String, Double> out = new LinkedHashMap<>();
        Optional<DeviceProfile> modbus = profiles.apply(m.profile());
        if (modbus.isPresent()) {
            for (PointDefinition p : modbus.get().points()) {
                if (p.quantity() == Quantity.PRODUCTION_COUNT) {
                    out.put(p.name(), p.wrapSpan());
                }
            }
            return out;
        }
        opcUaProfiles.apply(m.profile()).ifPresent(o -> {
            for (OpcUaPoint p : o.points()) {
                if (p.quantity() == Quantity.PRODUCTION_COUNT) {
                    out.put(p.name(), 0.0);
                }
            }
        });
        return out;
    }

    /** True when {@code id} names a temperature point of a configured meter's profile. */
    public boolean isTemperaturePoint(PointId id) {
        Optional<Meter> m = plant.meter(id.device());
        if (m.isEmpty()) {
            return false;
        }
        Optional<DeviceProfile> modbus = profiles.apply(m.get().profile());
        if (modbus.isPresent()) {
            return modbus.get().point(id.point()).map(p -> p.quantity() == Quantity.TEMPERATURE).orElse(false);
        }
        return opcUaProfiles.apply(m.get().profile()).flatMap(o -> o.point(id.point()))
                .map(p -> p.quantity() == Quantity.TEMPERATURE).orElse(false);
    }

    /**
     * Which production source to use: {@code point}, {@code manual}, or (null/{@code auto}) the
     * line's production counter when it has one, else the entries made by hand.
     */
    public Source source(String lineId, String requested) {
        String s = requested == null || requested.isBlank() ? "auto" : requested.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "auto" -> productionPoint(lineId).isPresent() ? Source.POINT : Source.MANUAL;
            case "manual" -> Source.MANUAL;
            case "point" -> {
                if (productionPoint(lineId).isEmpty()) {
                    throw new InvalidParameterException("source", "manual (line " + lineId
                            + " has no meter with a production_count point)", requested);
                }
                yield Source.POINT;
            }
            default -> throw new InvalidParameterException("source", "auto|point|manual", requested);
        };
    }

    /** Energy and production of the line per period of [from, to). */
    public SpecificConsumptionReport specificConsumption(String lineId, Instant from, Instant to, String period,
            EnergyCarrier carrier, Source source, PointId temperature, double baseDegC) {
        ProductionLine line = line(lineId);
        EnergyCarrier c = carrier == null ? EnergyCarrier.ELECTRICITY : carrier;
        ConsumptionReport report = accounting.report(new ConsumptionQuery("line", from, to, period, c,
                ReadPath.ROLLUP, false));
        Map<Instant, Period> byStart = new LinkedHashMap<>();
        String unit = null;
        Optional<MeteredPoint> point = source == Source.POINT ? productionPoint(line.id()) : Optional.empty();
        UnwrappedCounter counter = point.map(p -> counters.read(p, from, to, Resolution.RAW,
                events.getOrDefault(p.point(), List.of()))).orElse(null);
        List<ProductionEntry> entries = source == Source.MANUAL ? log.entries(line.id(), from, to) : List.of();
        for (ConsumptionReport.Row row : report.rows()) {
            if (!line.id().equals(row.groupId()) || row.carrier() != c) {
                continue;
            }
            unit = row.unit();
            Period earlier = byStart.get(row.start());
            double energy = row.value() + (earlier == null ? 0 : earlier.energy());
            double production;
            boolean complete;
            if (counter != null) {
                production = counter.consumption(row.start(), row.end()).value();
                complete = !counter.isEmpty() && !counter.firstTime().orElseThrow().isAfter(row.start())
                        && !counter.lastTime().orElseThrow().isBefore(row.end());
            } else {
                production = ProductionCounts.manual(entries, row.start(), row.end());
                complete = ProductionCounts.covers(entries, row.start(), row.end());
            }
            Double dd = temperature == null ? null : heatingDegreeDays(temperature, row.start(), row.end(), baseDegC);
            byStart.put(row.start(), new Period(row.periodLabel(), row.start(), row.end(), energy, production,
                    production > 0 ? energy / production : null, dd, complete));
        }
        if (byStart.isEmpty()) {
            throw new InvalidParameterException("line", "a line with a " + c.name().toLowerCase(java.util.Locale.ROOT)
                    + " meter (line " + line.id() + " has none)", lineId);
        }
        List<Period> periods = List.copyOf(byStart.values());
        double energy = periods.stream().mapToDouble(Period::energy).sum();
        double production = periods.stream().mapToDouble(Period::production).sum();
        return new SpecificConsumptionReport(line.id(), line.name(), c, unit, Quantity.PRODUCTION_COUNT.unit(), source,
                point.map(p -> p.point().toString()).orElse(null), period, from, to, periods, energy, production,
                production > 0 ? energy / production : null);
    }

    /**
     * Fits energy = intercept + a × production (+ b × heating degree-days when {@code temperature}
     * is given) over the baseline range's periods and compares [from, to) with it.
     */
    public BaselineReport baseline(String lineId, Instant baselineFrom, Instant baselineTo, Instant from, Instant to,
            String period, EnergyCarrier carrier, Source source, PointId temperature, double baseDegC) {
        SpecificConsumptionReport base = specificConsumption(lineId, baselineFrom, baselineTo, period, carrier, source,
                temperature, baseDegC);
        SpecificConsumptionReport now = specificConsumption(lineId, from, to, period, carrier, source, temperature,
                baseDegC);
        List<String> variables = temperature == null ? List.of("production")
                : List.of("production", "heatingDegreeDays");
        List<BaselineObservation> observations = base.periods().stream()
                .map(p -> new BaselineObservation(p.label(), p.energy(), variables(p, temperature))).toList();
        BaselineModel model;
        try {
            model = LinearBaseline.fit(variables, observations);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("baselineFrom", "a baseline range with enough " + period
                    + " periods of varying production (" + e.getMessage() + ")", baselineFrom + ".." + baselineTo);
        }
        List<BaselinePeriod> out = new ArrayList<>();
        List<BaselineObservation> reporting = new ArrayList<>();
        for (Period p : now.periods()) {
            double[] x = variables(p, temperature);
            double expected = model.expected(x);
            reporting.add(new BaselineObservation(p.label(), p.energy(), x));
            out.add(new BaselinePeriod(p.label(), p.start(), p.end(), p.energy(), expected, p.production(),
                    p.degreeDays(), p.energy() - expected, expected == 0 ? null : 100.0 * (p.energy() - expected) / expected));
        }
        BaselineDeviation total = model.deviation(reporting);
        Map<String, Double> coefficients = new LinkedHashMap<>();
        double[] k = model.coefficients();
        for (int i = 0; i < k.length; i++) {
            coefficients.put(variables.get(i), k[i]);
        }
        return new BaselineReport(base.line(), base.carrier(), base.energyUnit(), source, period, baselineFrom,
                baselineTo, from, to, variables, model.intercept(), coefficients, model.rSquared(), model.observations(),
                base.periods(), out, total.actual(), total.expected(), total.difference(),
                Double.isFinite(total.percent()) ? total.percent() : null);
    }

    private static double[] variables(Period p, PointId temperature) {
        return temperature == null ? new double[] {p.production()} : new double[] {p.production(), p.degreeDays()};
    }

    /**
     * Σ over the plant-local days of the period of max(0, base − that day's mean temperature), the
     * mean taken over the good readings of the day falling inside the period.
     */
    private double heatingDegreeDays(PointId temperature, Instant start, Instant end, double baseDegC) {
        ZoneId zone = plant.zone();
        List<Double> means = new ArrayList<>();
        for (LocalDate d = start.atZone(zone).toLocalDate(); d.atStartOfDay(zone).toInstant().isBefore(end);
                d = d.plusDays(1)) {
            Instant a = max(start, d.atStartOfDay(zone).toInstant());
            Instant b = min(end, d.plusDays(1).atStartOfDay(zone).toInstant());
            double sum = 0;
            int n = 0;
            for (Sample s : reader.range(temperature, a, b, 1_000_000)) {
                if (s.quality() == Quality.GOOD && s.time().isBefore(b)) {
                    sum += s.value();
                    n++;
                }
            }
            if (n > 0) {
                means.add(sum / n);
            }
        }
        return DegreeDays.heating(means, baseDegC);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
