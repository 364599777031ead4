package io.wattline.analytics.service;

import io.wattline.analytics.consumption.ConsumptionFlags;
import io.wattline.core.Quantity;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.tariff.TariffBand;
import io.wattline.historian.Resolution;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The accounting report behind {@code GET /api/consumption} and its CSV/XLSX exports: rows of
 * group × period × carrier, totals per carrier and in kWh equivalent and tce, demand, the
 * reconciliation that shows the figures add up, the power-factor adjustment of the billing
 * meters (empty unless the tariff has the rule and the period is month), and the energy meters the
 * report leaves out because they have no counter to read (never dropped silently).
 */
public record ConsumptionReport(String plant, String zone, String group, String period, Instant from, Instant to,
        Resolution readResolution, String currency, List<Row> rows, List<Total> totals, double totalKwhEquivalent,
        double totalTce, List<Demand> demand, Reconciliation reconciliation, List<PowerFactor> powerFactor,
        List<UnaccountedMeter> unaccountedMeters) {

    public ConsumptionReport {
        rows = List.copyOf(rows);
        totals = List.copyOf(totals);
        demand = List.copyOf(demand);
        powerFactor = powerFactor == null ? List.of() : List.copyOf(powerFactor);
        unaccountedMeters = unaccountedMeters == null ? List.of() : List.copyOf(unaccountedMeters);
    }

    /** A report that leaves no meter out. */
    public ConsumptionReport(String plant, String zone, String group, String period, Instant from, Instant to,
            Resolution readResolution, String currency, List<Row> rows, List<Total> totals,
            double totalKwhEquivalent, double totalTce, List<Demand> demand, Reconciliation reconciliation,
            List<PowerFactor> powerFactor) {
        this(plant, zone, group, period, from, to, readResolution, currency, rows, totals, totalKwhEquivalent,
                totalTce, demand, reconciliation, powerFactor, List.of());
    }

    /** A report without power-factor blocks. */
    public ConsumptionReport(String plant, String zone, String group, String period, Instant from, Instant to,
            Resolution readResolution, String currency, List<Row> rows, List<Total> totals,
            double totalKwhEquivalent, double totalTce, List<Demand> demand, Reconciliation reconciliation) {
        this(plant, zone, group, period, from, to, readResolution, currency, rows, totals, totalKwhEquivalent,
                totalTce, demand, reconciliation, List.of());
    }

    /**
     * The power-factor adjustment (力调电费) of one billing (root) electricity meter over a month
     * ({@code wholeMonth} false when the report covers part of it). {@code status} "computed" or
     * "unavailable" with the {@code reason}; the figures are null when unavailable.
     * {@code powerFactor} is rounded to 0.01 as the rule does; {@code adjustment} = chargeBase ×
     * percent / 100, positive a surcharge; chargeBase = energyCharge + demandCharge (null: none).
     */
    public record PowerFactor(String meterId, String meterName, YearMonth month, Instant start, Instant end,
            boolean wholeMonth, String status, String reason, Double activeKwh, Double reactiveKvarh,
            Double powerFactorExact, Double powerFactor, double standard, Double percent, Double energyCharge,
            Double demandCharge, Double chargeBase, Double adjustment, String basis) {
    }

    /**
     * A meter of an energy carrier that no counter accounting can read measures (its profile has none
     * of {@code expected}, the counter quantities its carrier is accounted by, best first): its
     * consumption is in no row, total or reconciliation. {@code note} says so in English and Chinese.
     */
    public record UnaccountedMeter(String meterId, String meterName, EnergyCarrier carrier, String profile,
            List<Quantity> expected, String note) {
        public UnaccountedMeter {
            expected = List.copyOf(expected);
        }
    }

    /** Energy and cost in one band (electricity only). */
    public record Band(TariffBand band, double energyKwh, double pricePerKwh, double cost) {
    }

    /**
     * One figure. {@code value} in {@code unit} (the carrier's own); {@code kwhEquivalent} and
     * {@code kgce} null when the carrier has no conversion factor; {@code cost} null for carriers
     * without a price: electricity priced per band, other carriers at the tariff's price per unit. {@code booked} false for formula meters that restate booked meters.
     */
    public record Row(String groupId, String groupName, String periodLabel, Instant start, Instant end, String crew,
            EnergyCarrier carrier, String unit, double value, Double kwhEquivalent, Double kgce, List<Band> bands,
            Double cost, boolean booked, ConsumptionFlags flags) {
        public Row {
            bands = List.copyOf(bands);
        }
    }

    /** Σ of the booked rows of one carrier. */
    public record Total(EnergyCarrier carrier, String unit, double value, Double kwhEquivalent, Double kgce,
            List<Band> bands, Double cost) {
        public Total {
            bands = List.copyOf(bands);
        }
    }

    /** One load at the peak block and its share of it. */
    public record Contribution(String nodeId, String name, double kw) {
    }

    /**
     * The month's maximum 15-minute demand of a group, when it happened and which loads made it.
     * {@code partial} is true when the readings of a meter behind it do not reach the end of that
     * block (the block still in progress, or the data stops inside it): the figure may still rise.
     */
    public record Demand(String groupId, String groupName, YearMonth month, double maxKw, Instant blockStart,
            Instant blockEnd, Double demandCharge, List<Contribution> contributors, boolean partial) {
        public Demand {
            contributors = List.copyOf(contributors);
        }
    }

    /** A parent meter against its sub-meters: loss = parent − Σ children. */
    public record TreeCheck(String parentMeterId, EnergyCarrier carrier, String unit, double parent,
            double childrenSum, double loss, Double lossPercent) {
    }

    /** A production day against the Σ of its shifts (site total per carrier). */
    public record DayCheck(LocalDate productionDay, EnergyCarrier carrier, String unit, double day, double shiftsSum,
            double difference) {
    }

    /** Σ of the booked rows against Σ of the root meters over [from, to). */
    public record TotalCheck(EnergyCarrier carrier, String unit, double rowsSum, double rootMeters,
            double difference) {
    }

    /** Everything that shows the figures add up. */
    public record Reconciliation(List<TreeCheck> childrenVsParent, List<DayCheck> shiftsVsDay,
            List<TotalCheck> rowsVsSite) {
        public Reconciliation {
            childrenVsParent = List.copyOf(childrenVsParent);
            shiftsVsDay = List.copyOf(shiftsVsDay);
            rowsVsSite = List.copyOf(rowsVsSite);
        }
    }
}
