package io.wattline.analytics.kpi;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.analytics.service.ConsumptionQuery;
import io.wattline.core.PointId;
import io.wattline.core.plant.EnergyCarrier;
import java.time.Instant;
import java.util.Objects;

/**
 * What a line's KPIs are asked for: the line, the range [from, to) split into {@code period}s, the
 * energy carrier (null: electricity), where production comes from ({@code source}: null or
 * {@code auto}, {@code point}, {@code manual}) and, for heating degree-days, a temperature point
 * (null: none) and its base in °C. {@link LineKpis} checks the parts that need the plant.
 *
 * @throws InvalidQueryException naming {@code period}, {@code to} or {@code baseTemperature}
 */
public record KpiQuery(String line, Instant from, Instant to, String period, EnergyCarrier carrier, String source,
        PointId temperature, double baseTemperature) {

    /** The usual base of heating degree-days in China, °C. */
    public static final double DEFAULT_BASE_TEMPERATURE = 18.0;

    public KpiQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!ConsumptionQuery.PERIODS.contains(period)) {
            throw new InvalidQueryException("period", "one of " + String.join("|", ConsumptionQuery.PERIODS), period);
        }
        if (!from.isBefore(to)) {
            throw new InvalidQueryException("to", "a time after from (" + from + ")", to.toString());
        }
        if (!(baseTemperature > -60 && baseTemperature < 60)) {
            throw new InvalidQueryException("baseTemperature", "a base temperature in °C, e.g. 18",
                    Double.toString(baseTemperature));
        }
    }

    /** The carrier asked for, electricity when none was. */
    public EnergyCarrier carrierOrElectricity() {
        return carrier == null ? EnergyCarrier.ELECTRICITY : carrier;
    }

    /** The same query over another range (the baseline's). */
    KpiQuery over(Instant newFrom, Instant newTo) {
        return new KpiQuery(line, newFrom, newTo, period, carrier, source, temperature, baseTemperature);
    }
}
