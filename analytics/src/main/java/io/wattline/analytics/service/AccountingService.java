package io.wattline.analytics.service;

import io.wattline.analytics.allocation.AccountingNode;
import io.wattline.analytics.allocation.DeclaredAccounting;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.allocation.MeterTerm;
import io.wattline.analytics.allocation.PlantAllocation;
import io.wattline.analytics.consumption.ConsumptionFlags;
import io.wattline.analytics.consumption.CounterEvent;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.demand.BlockDemand;
import io.wattline.analytics.demand.DemandCalculator;
import io.wattline.analytics.period.CalendarPeriod;
import io.wattline.analytics.period.CalendarPeriods;
import io.wattline.analytics.period.PeriodKind;
import io.wattline.analytics.period.ProductionDay;
import io.wattline.analytics.period.ShiftPeriods;
import io.wattline.analytics.period.ShiftSlice;
import io.wattline.analytics.service.ConsumptionReport.Band;
import io.wattline.analytics.service.ConsumptionReport.Row;
import io.wattline.core.tariff.BandInterval;
import io.wattline.core.tariff.TouTariff;
import io.wattline.core.PointId;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TariffBand;
import io.wattline.historian.Resolution;
import io.wattline.historian.SeriesReader;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumption, cost, demand and reconciliation per line, shift, crew, cost centre or meter, read
 * from the historian's counters. Plain Java: built from the point catalogue ({@link #of}), so every
 * meter's counter is chosen one way whatever protocol reads it, the reader and the tariff.
 */
public final class AccountingService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountingService.class);

    private final Plant plant;
    private final ZoneId zone;
    private final Map<String, MeteredPoint> points = new LinkedHashMap<>();
    private final PlantAllocation allocation;
    private final CounterSource source;
    private final TouTariff tariff;
    private final EnergyFactors factors;
    private final Map<PointId, List<CounterEvent>> events;
    private final Map<String, MeteredPoint> reactivePoints = new LinkedHashMap<>();
    private final List<ConsumptionReport.UnaccountedMeter> unaccounted;

    /**
     * @param meteredPoints the energy counter of each accounted meter
     * @param formulas extra virtual meters (sums, differences); loss nodes are derived from the tree
     * @param events declared resets and replacements per counter point
     */
    public AccountingService(Plant plant, List<MeteredPoint> meteredPoints, List<AccountingNode> formulas,
            SeriesReader reader, TouTariff tariff, EnergyFactors factors, Map<PointId, List<CounterEvent>> events) {
        this(plant, meteredPoints, formulas, reader, tariff, factors, events, List.of());
    }

    /**
     * @param reactivePoints the reactive energy import counter (kvarh) of meters that have one, for
     *     the tariff's power-factor adjustment
     */
    public AccountingService(Plant plant, List<MeteredPoint> meteredPoints, List<AccountingNode> formulas,
            SeriesReader reader, TouTariff tariff, EnergyFactors factors, Map<PointId, List<CounterEvent>> events,
            List<MeteredPoint> reactivePoints) {
        this(plant, meteredPoints, formulas, reader, tariff, factors, events, reactivePoints, List.of());
    }

    /**
     * The service for a catalogued plant: each meter's accounting counter and reactive counter as the
     * catalogue chooses them, whatever protocol reads them; the configured virtual meters, resets and
     * replacements. Energy meters without a counter to read are logged once here and listed in every
     * report ({@link ConsumptionReport#unaccountedMeters()}).
     *
     * @param tariff null for a plant without prices (reported without cost)
     */
    public static AccountingService of(PointCatalogue catalogue, SeriesReader reader, TouTariff tariff,
            EnergyFactors factors) {
        Plant plant = catalogue.plant();
        List<ConsumptionReport.UnaccountedMeter> unaccounted = catalogue.metersWithoutAccountingCounter().stream()
                .map(AccountingService::unaccounted).toList();
        if (!unaccounted.isEmpty()) {
            LOG.warn("{} energy meter(s) have no counter accounting can read and are left out of every consumption"
                    + " report (有电能/能源表没有可计量的累计量，未计入报表): {}", unaccounted.size(),
                    unaccounted.stream().map(ConsumptionReport.UnaccountedMeter::note)
                            .collect(Collectors.joining("; ")));
        }
        return new AccountingService(plant, catalogue.accountingCounters().stream().map(MeteredPoint::of).toList(),
                DeclaredAccounting.virtualMeters(plant), reader, tariff, factors,
                DeclaredAccounting.counterEvents(plant),
                catalogue.reactiveCounters().stream().map(MeteredPoint::of).toList(), unaccounted);
    }

    private static ConsumptionReport.UnaccountedMeter unaccounted(Meter m) {
        List<io.wattline.core.Quantity> expected = PointCatalogue.preferredCounters(m.carrier());
        String wanted = expected.stream().map(Enum::name).collect(Collectors.joining(" or "));
        return new ConsumptionReport.UnaccountedMeter(m.id(), m.name(), m.carrier(), m.profile(), expected,
                "meter " + m.id() + " (" + m.carrier().name().toLowerCase(java.util.Locale.ROOT) + ", profile "
                        + m.profile() + ") has no " + wanted + " counter: its consumption is not accounted"
                        + " (表计 " + m.id() + " 无累计量，未计入能耗)");
    }

    AccountingService(Plant plant, List<MeteredPoint> meteredPoints, List<AccountingNode> formulas,
            SeriesReader reader, TouTariff tariff, EnergyFactors factors, Map<PointId, List<CounterEvent>> events,
            List<MeteredPoint> reactivePoints, List<ConsumptionReport.UnaccountedMeter> unaccounted) {
        this.unaccounted = List.copyOf(unaccounted);
        reactivePoints.forEach(p -> {
            if (p.quantity() != io.wattline.core.Quantity.REACTIVE_ENERGY_IMPORT) {
                throw new IllegalArgumentException("meter " + p.meterId() + ": point " + p.point() + " is "
                        + p.quantity() + ", not REACTIVE_ENERGY_IMPORT");
            }
            this.reactivePoints.put(p.meterId(), p);
        });
        this.plant = plant;
        this.zone = plant.zone();
        meteredPoints.forEach(p -> points.put(p.meterId(), p));
        this.allocation = new PlantAllocation(plant, points.keySet(), formulas);
        this.source = new CounterSource(reader, Duration.ofMinutes(30), Duration.ofDays(35));
        this.tariff = tariff;
        this.factors = factors;
        this.events = Map.copyOf(events);
    }

    public PlantAllocation allocation() {
        return allocation;
    }

    public Map<String, MeteredPoint> meteredPoints() {
        return Map.copyOf(points);
    }

    /**
     * The coarsest resolution whose buckets every boundary of the report falls on (range, periods,
     * shifts, tariff bands, demand blocks), so the rollup path interpolates between the same readings
     * as the raw path would; RAW when none fits.
     */
    public Resolution resolutionFor(ConsumptionQuery q) {
        List<Instant> boundaries = new ArrayList<>(List.of(q.from(), q.to()));
        for (Interval i : intervals(q)) {
            boundaries.add(i.start());
            boundaries.add(i.end());
        }
        for (ShiftSlice s : ShiftPeriods.slices(plant.shiftCalendar(), zone, q.from(), q.to())) {
            boundaries.add(s.start());
        }
        if (tariff != null) {
            tariff.bandIntervals(q.from(), q.to(), zone).forEach(b -> boundaries.add(b.start()));
        }
        for (Resolution r : Resolution.ROLLUPS_COARSEST_FIRST) {
            if (q.withDemand() && r.bucket().compareTo(DemandCalculator.FIFTEEN_MINUTES) > 0) {
                continue;
            }
            long nanos = r.bucket().toNanos();
            boolean aligned = boundaries.stream().allMatch(t -> Math.floorMod(
                    t.getEpochSecond() * 1_000_000_000L + t.getNano(), nanos) == 0);
            if (aligned) {
                return r;
            }
        }
        return Resolution.RAW;
    }

    /** Every accounted meter's unwrapped counter around [from, to). */
    public Map<String, UnwrappedCounter> counters(Collection<String> meterIds, Instant from, Instant to,
            Resolution resolution) {
        List<MeteredPoint> wanted = new ArrayList<>();
        for (String id : meterIds) {
            MeteredPoint p = points.get(id);
            if (p == null) {
                throw new IllegalArgumentException("meter " + id + " has no energy counter to account");
            }
            wanted.add(p);
        }
        // one multi-point historian read for all meters, not one per meter
        Map<PointId, UnwrappedCounter> byPoint = source.readAll(wanted, from, to, resolution, events);
        Map<String, UnwrappedCounter> out = new LinkedHashMap<>();
        for (MeteredPoint p : wanted) {
            out.put(p.meterId(), byPoint.get(p.point()));
        }
        return out;
    }

    /** The report for one query. */
    public ConsumptionReport report(ConsumptionQuery q) {
        Resolution resolution = q.path() == ReadPath.RAW ? Resolution.RAW : resolutionFor(q);
        List<AccountingNode> nodes = allocation.nodes().stream()
                .filter(n -> q.carrier() == null || n.carrier() == q.carrier())
                .filter(n -> n.kind() != AccountingNode.Kind.FORMULA || q.group().equals("meter")).toList();
        List<String> meterIds = nodes.stream().flatMap(n -> n.terms().stream()).map(MeterTerm::meterId).distinct()
                .collect(Collectors.toCollection(ArrayList::new));
        allocation.rootMeters().stream().filter(m -> q.carrier() == null || m.carrier() == q.carrier())
                .map(Meter::id).filter(id -> !meterIds.contains(id)).forEach(meterIds::add);
        Map<String, UnwrappedCounter> counters = counters(meterIds, q.from(), q.to(), resolution);
        Figures figures = new Figures(counters, points, tariff, zone);

        List<Row> rows = rows(q, nodes, figures);
        List<ConsumptionReport.Total> totals = totals(rows);
        double kwhEq = totals.stream().filter(t -> t.kwhEquivalent() != null).mapToDouble(t -> t.kwhEquivalent()).sum();
        double tce = totals.stream().filter(t -> t.kgce() != null).mapToDouble(t -> t.kgce()).sum() / 1000.0;
        List<ConsumptionReport.Demand> demand = q.withDemand() ? demand(q, nodes, counters) : List.of();
        ConsumptionReport.Reconciliation rec = new Reconciliation(allocation, counters, points, plant, zone)
                .build(q, rows);
        List<ConsumptionReport.PowerFactor> powerFactor = powerFactor(q, counters, resolution);
        return new ConsumptionReport(plant.name(), zone.getId(), q.group(), q.period(), q.from(), q.to(), resolution,
                tariff == null ? null : tariff.currency(), rows, totals, kwhEq, tce, demand, rec, powerFactor,
                unaccounted.stream().filter(u -> q.carrier() == null || u.carrier() == q.carrier()).toList());
    }

    /**
     * The power-factor adjustment per billing (root) electricity meter and month: only for monthly
     * reports under a tariff with the rule, since the rule is a monthly one, and with demand (its
     * 15-minute reads give the demand charge in the base).
     */
    private List<ConsumptionReport.PowerFactor> powerFactor(ConsumptionQuery q, Map<String, UnwrappedCounter> counters,
            Resolution resolution) {
        if (tariff == null || tariff.powerFactorAdjustment().isEmpty() || !q.period().equals("month")
                || !q.withDemand()
                || (q.carrier() != null && q.carrier() != EnergyCarrier.ELECTRICITY)) {
            return List.of();
        }
        PowerFactorBilling billing = new PowerFactorBilling(tariff, tariff.powerFactorAdjustment().get(), zone);
        List<Meter> billed = allocation.rootMeters().stream()
                .filter(m -> m.carrier() == EnergyCarrier.ELECTRICITY && counters.containsKey(m.id()))
                .filter(m -> points.get(m.id()).quantity().unit().equals("kWh")).toList();
        List<MeteredPoint> reactive = billed.stream().map(m -> reactivePoints.get(m.id())).filter(Objects::nonNull)
                .toList();
        Map<PointId, UnwrappedCounter> kvarh = reactive.isEmpty() ? Map.of()
                : source.readAll(reactive, q.from(), q.to(), resolution, events);
        List<ConsumptionReport.PowerFactor> out = new ArrayList<>();
        for (Meter m : billed) {
            MeteredPoint r = reactivePoints.get(m.id());
            java.util.Optional<UnwrappedCounter> reactiveCounter =
                    r == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(kvarh.get(r.point()));
            for (Interval i : intervals(q)) {
                out.add(billing.month(m, i.start(), i.end(), counters.get(m.id()), reactiveCounter));
            }
        }
        return out;
    }

    /** A row's time span: a shift slice or a calendar period. */
    /** The name of the group of shifts without a crew ({@code group=crew}, group id {@code -}). */
    static final String NO_CREW_NAME = "(no crew 无班组)";

    record Interval(String label, Instant start, Instant end, String crew, String shiftId) {
    }

    List<Interval> intervals(ConsumptionQuery q) {
        if (q.period().equals("shift")) {
            return ShiftPeriods.slices(plant.shiftCalendar(), zone, q.from(), q.to()).stream().map(AccountingService::of)
                    .toList();
        }
        PeriodKind kind = PeriodKind.valueOf(q.period().toUpperCase(java.util.Locale.ROOT));
        return CalendarPeriods.split(q.from(), q.to(), zone, kind).stream()
                .map(p -> new Interval(label(p), p.start(), p.end(), null, null)).toList();
    }

    private static Interval of(ShiftSlice s) {
        return new Interval(s.instance().productionDay() + " " + s.instance().shift().id(), s.start(), s.end(),
                s.instance().crew(), s.instance().shift().id());
    }

    private static String label(CalendarPeriod p) {
        return switch (p.kind()) {
            case DAY -> p.firstDay().toString();
            case WEEK -> p.firstDay().get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + "-W"
                    + String.format("%02d", p.firstDay().get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(p.firstDay()).toString();
        };
    }

    private List<Row> rows(ConsumptionQuery q, List<AccountingNode> nodes, Figures figures) {
        List<Row> rows = new ArrayList<>();
        switch (q.group()) {
            case "shift" -> {
                for (ShiftSlice s : ShiftPeriods.slices(plant.shiftCalendar(), zone, q.from(), q.to())) {
                    Interval i = of(s);
                    String name = s.instance().shift().name();
                    addRows(rows, i.shiftId(), name, i, nodes, figures, List.of(i));
                }
            }
            case "crew" -> {
                for (Interval p : intervals(q)) {
                    Map<String, List<Interval>> byCrew = new LinkedHashMap<>();
                    for (ShiftSlice s : ShiftPeriods.slices(plant.shiftCalendar(), zone, p.start(), p.end())) {
                        String crew = s.instance().crew() == null ? "-" : s.instance().crew();
                        byCrew.computeIfAbsent(crew, k -> new ArrayList<>()).add(of(s));
                    }
                    for (Map.Entry<String, List<Interval>> e : byCrew.entrySet()) {
                        // shifts without a crew form the group "-", and their crew is null as in group=shift
                        boolean none = e.getKey().equals("-");
                        Interval labelled = new Interval(p.label(), p.start(), p.end(), none ? null : e.getKey(), null);
                        addRows(rows, e.getKey(), none ? NO_CREW_NAME : "Crew 班组 " + e.getKey(), labelled, nodes,
                                figures, e.getValue());
                    }
                }
            }
            default -> {
                Map<String, List<AccountingNode>> groups = new LinkedHashMap<>();
                var key = PlantAllocation.keyOf(q.group());
                for (AccountingNode n : nodes) {
                    groups.computeIfAbsent(Objects.toString(key.apply(n), ""), k -> new ArrayList<>()).add(n);
                }
                // what is booked to no group of this kind comes last
                List<AccountingNode> unassigned = groups.remove("");
                if (unassigned != null) {
                    groups.put("", unassigned);
                }
                for (Map.Entry<String, List<AccountingNode>> g : groups.entrySet()) {
                    String id = g.getKey().isEmpty() ? null : g.getKey();
                    for (Interval i : intervals(q)) {
                        addRows(rows, id == null ? "-" : id, allocation.nameOf(q.group(), id), i, g.getValue(), figures,
                                List.of(i));
                    }
                }
            }
        }
        return rows;
    }

    /** One row per carrier (and unit) of {@code nodes} over the union of {@code parts}. */
    private void addRows(List<Row> rows, String groupId, String groupName, Interval shown, List<AccountingNode> nodes,
            Figures figures, List<Interval> parts) {
        Map<String, List<AccountingNode>> byCarrier = new LinkedHashMap<>();
        for (AccountingNode n : nodes) {
            byCarrier.computeIfAbsent(n.carrier() + "|" + points.get(n.terms().get(0).meterId()).unit(),
                    k -> new ArrayList<>()).add(n);
        }
        for (List<AccountingNode> same : byCarrier.values()) {
            EnergyCarrier carrier = same.get(0).carrier();
            String unit = points.get(same.get(0).terms().get(0).meterId()).unit();
            Figures.Figure f = Figures.Figure.ZERO;
            for (Interval part : parts) {
                for (AccountingNode n : same) {
                    f = f.plus(figures.of(n, part.start(), part.end()));
                }
            }
            boolean booked = same.stream().allMatch(n -> n.kind() != AccountingNode.Kind.FORMULA);
            boolean priced = tariff != null && carrier == EnergyCarrier.ELECTRICITY && unit.equals("kWh");
            // other carriers cost value × the tariff's price per unit of their counter, when it has one
            java.util.OptionalDouble unitPrice = tariff == null || carrier == EnergyCarrier.ELECTRICITY
                    ? java.util.OptionalDouble.empty() : tariff.carrierPrice(carrier, unit);
            Double cost = priced ? Double.valueOf(f.cost())
                    : unitPrice.isPresent() ? Double.valueOf(f.value() * unitPrice.getAsDouble()) : null;
            rows.add(new Row(groupId, groupName, shown.label(), shown.start(), shown.end(), shown.crew(), carrier, unit,
                    f.value(), factors.kwhEquivalent(carrier, unit, f.value()).orElse(null),
                    factors.kgce(carrier, unit, f.value()).orElse(null), priced ? f.bands() : List.of(),
                    cost, booked, f.flags()));
        }
    }

    private List<ConsumptionReport.Total> totals(List<Row> rows) {
        Map<String, List<Row>> byCarrier = new LinkedHashMap<>();
        rows.stream().filter(Row::booked).forEach(r -> byCarrier.computeIfAbsent(r.carrier() + "|" + r.unit(),
                k -> new ArrayList<>()).add(r));
        List<ConsumptionReport.Total> totals = new ArrayList<>();
        for (List<Row> same : byCarrier.values()) {
            Row first = same.get(0);
            double value = same.stream().mapToDouble(Row::value).sum();
            Map<TariffBand, double[]> bands = new EnumMap<>(TariffBand.class);
            for (Row r : same) {
                for (Band b : r.bands()) {
                    double[] acc = bands.computeIfAbsent(b.band(), k -> new double[] {0, b.pricePerKwh(), 0});
                    acc[0] += b.energyKwh();
                    acc[2] += b.cost();
                }
            }
            List<Band> bandList = bands.entrySet().stream()
                    .map(e -> new Band(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
            Double cost = first.cost() == null ? null : same.stream().mapToDouble(Row::cost).sum();
            Double kwh = first.kwhEquivalent() == null ? null : same.stream().mapToDouble(Row::kwhEquivalent).sum();
            Double kgce = first.kgce() == null ? null : same.stream().mapToDouble(Row::kgce).sum();
            totals.add(new ConsumptionReport.Total(first.carrier(), first.unit(), value, kwh, kgce, bandList, cost));
        }
        return totals;
    }

    private List<ConsumptionReport.Demand> demand(ConsumptionQuery q, List<AccountingNode> nodes,
            Map<String, UnwrappedCounter> counters) {
        DemandCalculator calculator = new DemandCalculator(zone);
        List<AccountingNode> electric = nodes.stream().filter(n -> n.carrier() == EnergyCarrier.ELECTRICITY
                && n.kind() != AccountingNode.Kind.FORMULA).toList();
        Map<String, List<BlockDemand>> perMeter = new LinkedHashMap<>();
        for (AccountingNode n : electric) {
            for (MeterTerm t : n.terms()) {
                perMeter.computeIfAbsent(t.meterId(), id -> calculator.blocks(counters.get(id), q.from(), q.to()));
            }
        }
        Map<String, List<AccountingNode>> groups = new LinkedHashMap<>();
        boolean tree = !q.group().equals("shift") && !q.group().equals("crew");
        for (AccountingNode n : electric) {
            String key = tree ? Objects.toString(PlantAllocation.keyOf(q.group()).apply(n), "-") : "site";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
        }
        List<ConsumptionReport.Demand> out = new ArrayList<>();
        for (Map.Entry<String, List<AccountingNode>> g : groups.entrySet()) {
            Map<YearMonth, Integer> peakIndex = new LinkedHashMap<>();
            Map<YearMonth, Double> peakKw = new LinkedHashMap<>();
            List<BlockDemand> reference = perMeter.get(g.getValue().get(0).terms().get(0).meterId());
            double[] sum = new double[reference.size()];
            for (AccountingNode n : g.getValue()) {
                double[] kw = nodeBlocks(n, perMeter);
                for (int b = 0; b < sum.length; b++) {
                    sum[b] += kw[b];
                }
            }
            for (int b = 0; b < sum.length; b++) {
                YearMonth month = YearMonth.from(reference.get(b).start().atZone(zone));
                if (!peakKw.containsKey(month) || sum[b] > peakKw.get(month)) {
                    peakKw.put(month, sum[b]);
                    peakIndex.put(month, b);
                }
            }
            String name = tree ? allocation.nameOf(q.group(), g.getKey().equals("-") ? null : g.getKey()) : plant.name();
            for (Map.Entry<YearMonth, Integer> e : peakIndex.entrySet()) {
                int b = e.getValue();
                List<ConsumptionReport.Contribution> contributors = new ArrayList<>();
                for (AccountingNode n : g.getValue()) {
                    contributors.add(new ConsumptionReport.Contribution(n.id(), n.name(), nodeBlocks(n, perMeter)[b]));
                }
                contributors.sort((x, y) -> Double.compare(y.kw(), x.kw()));
                double kw = peakKw.get(e.getKey());
                Double charge = tariff == null ? null : tariff.demandCharge(kw).isPresent()
                        ? tariff.demandCharge(kw).getAsDouble() : null;
                boolean partial = false;
                for (AccountingNode n : g.getValue()) {
                    for (MeterTerm t : n.terms()) {
                        ConsumptionFlags f = perMeter.get(t.meterId()).get(b).flags();
                        partial |= f.noData() || f.uncoveredSeconds() > 0;
                    }
                }
                out.add(new ConsumptionReport.Demand(tree ? g.getKey() : "site", name, e.getKey(), kw,
                        reference.get(b).start(), reference.get(b).end(), charge,
                        contributors.subList(0, Math.min(5, contributors.size())), partial));
            }
        }
        return out;
    }

    private static double[] nodeBlocks(AccountingNode n, Map<String, List<BlockDemand>> perMeter) {
        double[] kw = null;
        for (MeterTerm t : n.terms()) {
            List<BlockDemand> blocks = perMeter.get(t.meterId());
            if (kw == null) {
                kw = new double[blocks.size()];
            }
            for (int b = 0; b < kw.length; b++) {
                kw[b] += t.sign() * blocks.get(b).kw();
            }
        }
        return kw;
    }

    /** Band intervals of the tariff over [from, to), for callers that price many counters alike. */
    List<BandInterval> bands(Instant from, Instant to) {
        return tariff.bandIntervals(from, to, zone);
    }

    static ConsumptionFlags merge(ConsumptionFlags a, ConsumptionFlags b) {
        return a == null ? b : a.plus(b);
    }
}
