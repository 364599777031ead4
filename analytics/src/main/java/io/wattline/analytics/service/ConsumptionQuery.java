package io.wattline.analytics.service;

import io.wattline.analytics.InvalidQueryException;
import io.wattline.core.plant.EnergyCarrier;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to report: {@code group} one of {@link #GROUPS}, {@code period} one of {@link #PERIODS},
 * over [from, to), for one carrier or all ({@code carrier} null), read through {@code path};
 * {@code withDemand} adds 15-minute demand (and reads 15-minute rollups for it).
 *
 * @throws InvalidQueryException naming {@code group}, {@code period} or {@code to} when one is not usable
 */
public record ConsumptionQuery(String group, Instant from, Instant to, String period, EnergyCarrier carrier,
        ReadPath path, boolean withDemand) {

    public static final List<String> GROUPS = List.of("line", "shift", "crew", "costcentre", "meter", "area",
            "equipment", "site");
    public static final List<String> PERIODS = List.of("shift", "day", "week", "month");

    public ConsumptionQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!GROUPS.contains(group)) {
            throw new InvalidQueryException("group", "one of " + String.join("|", GROUPS), group);
        }
        if (!PERIODS.contains(period)) {
            throw new InvalidQueryException("period", "one of " + String.join("|", PERIODS), period);
        }
        if (!from.isBefore(to)) {
            throw new InvalidQueryException("to", "a time after from (" + from + ")", to.toString());
        }
    }
}
