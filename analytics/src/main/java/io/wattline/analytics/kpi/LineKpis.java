package io.wattline.analytics.kpi;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.analytics.allocation.DeclaredAccounting;
import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.analytics.service.ConsumptionReport;
import io.wattline.analytics.service.CounterSource;
import io.wattline.analytics.service.MeteredPoint;
import io.wattline.analytics.service.ReadPath;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.plausible.PlausibleTime;
import io.wattline.core.plausible.PlausibleValues;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Specific consumption (energy per unit of product) and the energy baseline of a production line,
 * per period: energy from the accounting report's line rows, production from the line's production
 * counter (the catalogue's, whatever protocol reads it) or from counts entered by hand
 * ({@link ProductionLog}). Which meters are on a line is the catalogue's one answer.
 */
public final class LineKpis {

    private final PointCatalogue catalogue;
    private final Plant plant;
    private final AccountingService accounting;
    private final ProductionLog log;
    private final CounterSource counters;
    private final HeatingDegreeDays degreeDays;
    private final Map<PointId, List<CounterEvent>> events;

    public LineKpis(PointCatalogue catalogue, AccountingService accounting, SeriesReader reader, ProductionLog log) {
        this.catalogue = catalogue;
        this.plant = catalogue.plant();
        this.accounting = accounting;
        this.log = log;
        this.counters = new CounterSource(reader, Duration.ofMinutes(30), Duration.ofDays(35));
        this.degreeDays = new HeatingDegreeDays(reader, plant.zone());
        this.events = DeclaredAccounting.counterEvents(plant);
    }

    /**
     * The configured line {@code id}.
     *
     * @throws InvalidQueryException naming {@code line} when it is missing or unknown
     */
    public ProductionLine line(String id) {
        String ids = String.join("|", plant.lines().stream().map(ProductionLine::id).toList());
        if (id == null || id.isBlank()) {
            throw new InvalidQueryException("line", "a line id: " + ids, id);
        }
        return plant.lines().stream().filter(l -> l.id().equals(id.strip())).findFirst()
                .orElseThrow(() -> new InvalidQueryException("line", "one of " + ids, id));
    }

    /** The line's production counter: a {@code good_count} point first, else the first in plant order. */
    public Optional<CataloguedPoint> productionPoint(String lineId) {
        return catalogue.productionCounters(lineId).stream().findFirst();
    }

    /**
     * Which production source to use: {@code point}, {@code manual}, or (null/{@code auto}) the
     * line's production counter when it has one, else the entries made by hand.
     *
     * @throws InvalidQueryException naming {@code source}
     */
    public ProductionSource source(String lineId, String requested) {
        String s = requested == null || requested.isBlank() ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "auto" -> productionPoint(lineId).isPresent() ? ProductionSource.POINT : ProductionSource.MANUAL;
            case "manual" -> ProductionSource.MANUAL;
            case "point" -> {
                if (productionPoint(lineId).isEmpty()) {
                    throw new InvalidQueryException("source", "manual (line " + lineId
                            + " has no meter with a production_count point)", requested);
                }
                yield ProductionSource.POINT;
            }
            default -> throw new InvalidQueryException("source", "auto|point|manual", requested);
        };
    }

    /** Energy and production of the line per period of [from, to). */
    public SpecificConsumptionReport specificConsumption(KpiQuery q) {
        ProductionLine line = line(q.line());
        ProductionSource source = source(line.id(), q.source());
        checkTemperature(q.temperature());
        EnergyCarrier c = q.carrierOrElectricity();
        ConsumptionReport report = accounting.report(new ConsumptionQuery("line", q.from(), q.to(), q.period(), c,
                ReadPath.ROLLUP, false));
        Optional<CataloguedPoint> point = source == ProductionSource.POINT ? productionPoint(line.id())
                : Optional.empty();
        UnwrappedCounter counter = point.map(p -> counters.read(MeteredPoint.of(p), q.from(), q.to(), Resolution.RAW,
                events.getOrDefault(p.id(), List.of()))).orElse(null);
        List<ProductionEntry> entries = source == ProductionSource.MANUAL ? log.entries(line.id(), q.from(), q.to())
                : List.of();
        Map<Instant, KpiPeriod> byStart = new LinkedHashMap<>();
        String unit = null;
        for (ConsumptionReport.Row row : report.rows()) {
            if (!line.id().equals(row.groupId()) || row.carrier() != c) {
                continue;
            }
            unit = row.unit();
            KpiPeriod earlier = byStart.get(row.start());
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
            Double dd = q.temperature() == null ? null
                    : degreeDays.over(q.temperature(), row.start(), row.end(), q.baseTemperature());
            byStart.put(row.start(), new KpiPeriod(row.periodLabel(), row.start(), row.end(), energy, production,
                    production > 0 ? energy / production : null, dd, complete));
        }
        if (byStart.isEmpty()) {
            throw new InvalidQueryException("line", "a line with a " + c.name().toLowerCase(Locale.ROOT)
                    + " meter (line " + line.id() + " has none)", q.line());
        }
        List<KpiPeriod> periods = List.copyOf(byStart.values());
        double energy = periods.stream().mapToDouble(KpiPeriod::energy).sum();
        double production = periods.stream().mapToDouble(KpiPeriod::production).sum();
        return new SpecificConsumptionReport(line.id(), line.name(), c, unit, Quantity.PRODUCTION_COUNT.unit(),
                source, point.map(p -> p.id().toString()).orElse(null), q.period(), q.from(), q.to(), periods, energy,
                production, production > 0 ? energy / production : null);
    }

    /**
     * Fits energy = intercept + a × production (+ b × heating degree-days when a temperature point
     * is given) over the baseline range's periods and compares the reporting periods with it.
     *
     * @throws InvalidQueryException naming {@code baselineFrom} when the range cannot be fitted
     */
    public BaselineReport baseline(BaselineQuery q) {
        KpiQuery reporting = q.reporting();
        SpecificConsumptionReport base = specificConsumption(q.baseline());
        SpecificConsumptionReport now = specificConsumption(reporting);
        boolean withTemperature = reporting.temperature() != null;
        List<String> variables = withTemperature ? List.of("production", "heatingDegreeDays") : List.of("production");
        List<BaselineObservation> observations = base.periods().stream()
                .map(p -> new BaselineObservation(p.label(), p.energy(), variables(p, withTemperature))).toList();
        BaselineModel model;
        try {
            model = LinearBaseline.fit(variables, observations);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("baselineFrom", "a baseline range with enough " + reporting.period()
                    + " periods of varying production (" + e.getMessage() + ")",
                    q.baselineFrom() + ".." + q.baselineTo());
        }
        List<BaselinePeriod> out = new ArrayList<>();
        List<BaselineObservation> compared = new ArrayList<>();
        for (KpiPeriod p : now.periods()) {
            double[] x = variables(p, withTemperature);
            double expected = model.expected(x);
            compared.add(new BaselineObservation(p.label(), p.energy(), x));
            out.add(new BaselinePeriod(p.label(), p.start(), p.end(), p.energy(), expected, p.production(),
                    p.degreeDays(), p.energy() - expected,
                    expected == 0 ? null : 100.0 * (p.energy() - expected) / expected));
        }
        BaselineDeviation total = model.deviation(compared);
        Map<String, Double> coefficients = new LinkedHashMap<>();
        double[] k = model.coefficients();
        for (int i = 0; i < k.length; i++) {
            coefficients.put(variables.get(i), k[i]);
        }
        return new BaselineReport(base.line(), base.carrier(), base.energyUnit(), base.productionSource(),
                reporting.period(), q.baselineFrom(), q.baselineTo(), reporting.from(), reporting.to(), variables,
                model.intercept(), coefficients, model.rSquared(), model.observations(), base.periods(), out,
                total.actual(), total.expected(), total.difference(),
                Double.isFinite(total.percent()) ? total.percent() : null);
    }

    /**
     * Records a count entered by hand for a configured line.
     *
     * @throws InvalidQueryException naming {@code line} when the line is unknown
     */
    public ProductionEntry addProduction(ProductionEntry entry) {
        line(entry.lineId());
        checkPlausible(entry);
        return log.add(entry);
    }

    /** Longest interval one entry may count over. */
    public static final Duration MAX_ENTRY_SPAN = Duration.ofDays(400);

    /**
     * An entry is stored only when it could be true: its interval inside the plausible window
     * (1970–2200), not longer than {@link #MAX_ENTRY_SPAN}, not starting after it was entered, and a
     * count that is a plausible {@link Quantity#PRODUCTION_COUNT}.
     */
    private static void checkPlausible(ProductionEntry e) {
        if (!PlausibleTime.contains(e.from())) {
            throw new InvalidQueryException("from", PlausibleTime.describe(), e.from().toString());
        }
        if (!PlausibleTime.contains(e.to())) {
            throw new InvalidQueryException("to", PlausibleTime.describe(), e.to().toString());
        }
        if (Duration.between(e.from(), e.to()).compareTo(MAX_ENTRY_SPAN) > 0) {
            throw new InvalidQueryException("to", "at most " + MAX_ENTRY_SPAN.toDays() + " days after from",
                    e.to().toString());
        }
        if (e.enteredAt() != null && e.from().isAfter(e.enteredAt())) {
            throw new InvalidQueryException("from", "a time not after now (" + e.enteredAt()
                    + "): production is counted after it happened", e.from().toString());
        }
        PlausibleValues.Range r = PlausibleValues.standard().rangeOf(Quantity.PRODUCTION_COUNT);
        PlausibleValues.standard().problem(Quantity.PRODUCTION_COUNT, e.count()).ifPresent(why -> {
            throw new InvalidQueryException("count", "a number of units from " + (long) r.min() + " to "
                    + (long) r.max() + " (" + why + ")", Double.toString(e.count()));
        });
    }

    /** The counts entered by hand for a line that overlap [from, to), in the order they were entered. */
    public List<ProductionEntry> production(String lineId, Instant from, Instant to) {
        return log.entries(line(lineId).id(), from, to);
    }

    private void checkTemperature(PointId temperature) {
        if (temperature != null && catalogue.quantityOf(temperature).orElse(null) != Quantity.TEMPERATURE) {
            throw new InvalidQueryException("temperature", "a temperature point of a configured meter",
                    temperature.toString());
        }
    }

    private static double[] variables(KpiPeriod p, boolean withTemperature) {
        return withTemperature ? new double[] {p.production(), p.degreeDays()} : new double[] {p.production()};
    }
}
