package io.wattline.analytics.tariff;

import io.wattline.core.plant.TariffCalendar;
import java.time.LocalDate;
import java.time.Month;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The plant configuration's single-pattern tariff as a {@link TouTariff} (one season, all year). */
public final class PlantTariffs {

    private PlantTariffs() {
    }

    /** One all-year season with the calendar's periods and prices; no demand charge. */
    public static TouTariff fromPlant(TariffCalendar calendar) {
        TariffSeason season = new TariffSeason("all-year", EnumSet.allOf(Month.class), calendar.periods());
        return new TouTariff("plant", calendar.name(), "plant configuration", calendar.currency(),
                LocalDate.of(2000, 1, 1), List.of(new TariffSource("plant configuration (tariff:)", "",
                        "as configured")), true, calendar.pricePerKwh(), List.of(season), Map.of(),
                OptionalDouble.empty(), OptionalDouble.empty());
    }
}
