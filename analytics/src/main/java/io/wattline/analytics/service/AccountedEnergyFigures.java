package io.wattline.analytics.service;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.analytics.consumption.Consumption;
import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.kpi.BaselineQuery;
import io.wattline.analytics.kpi.BaselineReport;
import io.wattline.analytics.kpi.KpiQuery;
import io.wattline.analytics.kpi.LineKpis;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.historian.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The energy figures the alarm engine's energy rules ask for (core's {@link EnergyFigures} port),
 * computed exactly as the accounting reports compute them: from counters, with the same unwrapping,
 * interpolation and allocation. A figure whose readings cover less than half of its range is not
 * given (the rule then concludes nothing, rather than raise an alarm on a gap).
 */
public final class AccountedEnergyFigures implements EnergyFigures {

    private final AccountingService accounting;
    private final LineKpis kpis;

    public AccountedEnergyFigures(AccountingService accounting, LineKpis kpis) {
        this.accounting = accounting;
        this.kpis = kpis;
    }

    @Override
    public OptionalDouble meterConsumption(String meterId, Instant from, Instant to) {
        if (!accounting.meteredPoints().containsKey(meterId)) {
            return OptionalDouble.empty();
        }
        UnwrappedCounter counter = accounting.counters(List.of(meterId), from, to, Resolution.RAW).get(meterId);
        if (counter == null || counter.isEmpty()) {
            return OptionalDouble.empty();
        }
        Consumption c = counter.consumption(from, to);
        return covered(c.flags().noData(), c.flags().uncoveredSeconds(), from, to)
                ? OptionalDouble.of(c.value()) : OptionalDouble.empty();
    }

    @Override
    public OptionalDouble groupConsumption(Group group, String id, EnergyCarrier carrier, Instant from, Instant to) {
        String by = group == Group.LINE ? "line" : "costcentre";
        ConsumptionReport report = accounting.report(new ConsumptionQuery(by, from, to, "day", carrier, ReadPath.RAW,
                false));
        List<ConsumptionReport.Row> rows = report.rows().stream().filter(r -> id.equals(r.groupId()) && r.booked())
                .toList();
        if (rows.isEmpty()) {
            return OptionalDouble.empty();
        }
        boolean noData = rows.stream().allMatch(r -> r.flags().noData());
        long uncovered = rows.stream().mapToLong(r -> r.flags().uncoveredSeconds()).max().orElse(0);
        return covered(noData, uncovered, from, to)
                ? OptionalDouble.of(rows.stream().mapToDouble(ConsumptionReport.Row::value).sum())
                : OptionalDouble.empty();
    }

    @Override
    public Optional<BaselineFigure> baseline(String lineId, EnergyCarrier carrier, String period, Instant baselineFrom,
            Instant baselineTo, Instant from, Instant to) {
        try {
            BaselineReport r = kpis.baseline(new BaselineQuery(new KpiQuery(lineId, from, to, period, carrier, null,
                    null, KpiQuery.DEFAULT_BASE_TEMPERATURE), baselineFrom, baselineTo));
            return Optional.of(new BaselineFigure(r.actual(), r.expected(), r.percent(), r.energyUnit()));
        } catch (InvalidQueryException e) {
            return Optional.empty(); // too little history to fit a baseline yet
        }
    }

    private static boolean covered(boolean noData, long uncoveredSeconds, Instant from, Instant to) {
        return !noData && uncoveredSeconds * 2 <= Duration.between(from, to).toSeconds();
    }
}
