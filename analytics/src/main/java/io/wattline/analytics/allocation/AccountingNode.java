package io.wattline.analytics.allocation;

import io.wattline.core.plant.EnergyCarrier;
import java.util.List;

/**
 * Something consumption is booked to: a physical meter, or a virtual meter whose figure is the
 * signed sum of meters ({@code loss:main-incomer} = main − Σ sub-meters). Its place in the plant
 * tree says which line, area, site and cost centre it is booked to (null where it has none).
 */
public record AccountingNode(String id, String name, Kind kind, EnergyCarrier carrier, List<MeterTerm> terms,
        String siteId, String areaId, String lineId, String equipmentId, String costCentreId) {

    /** What the node is. */
    public enum Kind { METER, LOSS, FORMULA }

    public AccountingNode {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("accounting node " + id + " has no meters in its formula");
        }
    }
}
