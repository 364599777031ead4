package io.wattline.fleet.testing;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.plant.EnergyCarrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small catalogues for the fleet tests: meters with a power gauge and an energy counter each. */
public final class Points {

    private Points() {
    }

    public static CataloguedPoint point(String site, String meter, String name, Quantity quantity) {
        return new CataloguedPoint(new PointId(meter, name), meter, meter.toUpperCase(), name, quantity,
                quantity.unit(), EnergyCarrier.ELECTRICITY, quantity.isCounter() ? 1e9 : 0, Duration.ofSeconds(1),
                new PlantPlace(site, null, null, null, null), "modbus", false);
    }

    /** {@code meters} meters named m1.. each with active_power (kW) and energy_import (kWh). */
    public static List<CataloguedPoint> meters(String site, int meters) {
        List<CataloguedPoint> out = new ArrayList<>();
        for (int i = 1; i <= meters; i++) {
            out.add(point(site, "m" + i, "active_power", Quantity.ACTIVE_POWER));
            out.add(point(site, "m" + i, "energy_import", Quantity.ACTIVE_ENERGY_IMPORT));
        }
        return out;
    }
}
