package io.wattline.reports.build;

import io.wattline.analytics.allocation.AccountingNode;
import io.wattline.analytics.allocation.MeterTerm;
import io.wattline.analytics.allocation.PlantAllocation;
import io.wattline.core.plant.EnergyCarrier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The meters behind a report row: the terms of the booked nodes grouped under its key, of its carrier. */
final class GroupMeters {

    private final PlantAllocation allocation;

    GroupMeters(PlantAllocation allocation) {
        this.allocation = allocation;
    }

    /** @param key a row's group id ({@code -} for nodes booked to no group of this kind); null group for the site */
    Set<String> of(String group, String key, EnergyCarrier carrier) {
        Set<String> meters = new LinkedHashSet<>();
        for (AccountingNode n : allocation.bookedNodes()) {
            if (n.carrier() != carrier) {
                continue;
            }
            if (group != null && !List.of("shift", "crew").contains(group)) {
                String k = Objects.toString(PlantAllocation.keyOf(group).apply(n), "-");
                if (!k.equals(key)) {
                    continue;
                }
            }
            n.terms().stream().map(MeterTerm::meterId).forEach(meters::add);
        }
        return meters;
    }
}
