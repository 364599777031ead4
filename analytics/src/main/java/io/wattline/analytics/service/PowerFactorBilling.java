package io.wattline.analytics.service;

import io.wattline.analytics.consumption.UnwrappedCounter;
import io.wattline.analytics.demand.BlockDemand;
import io.wattline.analytics.demand.DemandCalculator;
import io.wattline.analytics.tariff.PowerFactorCalculator;
import io.wattline.analytics.tariff.TariffCostCalculator;
import io.wattline.core.plant.Meter;
import io.wattline.core.tariff.PowerFactorAdjustment;
import io.wattline.core.tariff.TouTariff;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The power-factor adjustment of one billing meter over one month (or the part of it in the
 * report): kWh and kvarh from the counters, the month's energy charge and demand charge as base.
 */
final class PowerFactorBilling {

    private final TouTariff tariff;
    private final PowerFactorAdjustment rule;
    private final ZoneId zone;

    PowerFactorBilling(TouTariff tariff, PowerFactorAdjustment rule, ZoneId zone) {
        this.tariff = tariff;
        this.rule = rule;
        this.zone = zone;
    }

    /** {@code reactive} empty when the meter has no reactive energy counter: the block says so. */
    ConsumptionReport.PowerFactor month(Meter meter, Instant start, Instant end, UnwrappedCounter active,
            Optional<UnwrappedCounter> reactive) {
        ZonedDateTime local = start.atZone(zone);
        YearMonth month = YearMonth.from(local);
        boolean whole = local.equals(month.atDay(1).atStartOfDay(zone))
                && end.equals(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        if (reactive.isEmpty()) {
            return unavailable(meter, month, start, end, whole, "meter " + meter.id()
                    + " has no reactive energy import counter (REACTIVE_ENERGY_IMPORT, kvarh) in its profile;"
                    + " the monthly power factor needs it (an instantaneous power factor is not the billing figure)");
        }
        double kwh = active.consumption(start, end).value();
        double kvarh = reactive.get().consumption(start, end).value();
        if (!(kwh > 0) || !(kvarh >= 0)) {
            return unavailable(meter, month, start, end, whole, "meter " + meter.id() + ": " + kwh + " kWh and "
                    + kvarh + " kvarh in the month; the power factor needs active energy > 0 and reactive >= 0");
        }
        double energyCharge = new TariffCostCalculator(tariff, zone).cost(active, start, end).cost();
        Double demandCharge = DemandCalculator.maximum(new DemandCalculator(zone).blocks(active, start, end))
                .map(BlockDemand::kw).flatMap(kw -> tariff.demandCharge(kw).isPresent()
                        ? Optional.of(tariff.demandCharge(kw).getAsDouble()) : Optional.empty())
                .orElse(null);
        double base = energyCharge + (demandCharge == null ? 0.0 : demandCharge);
        PowerFactorCalculator.MonthlyAdjustment m = PowerFactorCalculator.adjust(rule, kwh, kvarh, base);
        return new ConsumptionReport.PowerFactor(meter.id(), meter.name(), month, start, end, whole, "computed",
                null, kwh, kvarh, m.powerFactorExact(), m.powerFactor(), rule.standard(), m.percent(), energyCharge,
                demandCharge, base, m.adjustment(), rule.basis());
    }

    private ConsumptionReport.PowerFactor unavailable(Meter meter, YearMonth month, Instant start, Instant end,
            boolean whole, String reason) {
        return new ConsumptionReport.PowerFactor(meter.id(), meter.name(), month, start, end, whole, "unavailable",
                reason, null, null, null, null, rule.standard(), null, null, null, null, null, rule.basis());
    }
}
