package io.wattline.core.tariff;

import java.time.Month;
import java.util.List;
import java.util.Set;

/** The daily band pattern that applies in the given calendar months. */
public record TariffSeason(String name, Set<Month> months, List<TariffPeriod> periods) {

    public TariffSeason {
        months = Set.copyOf(months);
        periods = List.copyOf(periods);
    }
}
