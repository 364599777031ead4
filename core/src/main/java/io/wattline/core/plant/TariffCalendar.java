package io.wattline.core.plant;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A time-of-use tariff: daily periods per band and an energy price per band (currency per kWh).
 * This first version has one daily pattern; seasonal and weather-triggered calendars come later.
 */
public record TariffCalendar(String name, String currency, List<TariffPeriod> periods,
        Map<TariffBand, Double> pricePerKwh) {

    public TariffCalendar {
        periods = List.copyOf(periods);
        pricePerKwh = Map.copyOf(pricePerKwh);
    }

    public TariffBand bandAt(LocalTime time) {
        for (TariffPeriod p : periods) {
            boolean wraps = !p.end().isAfter(p.start());
            boolean inside = wraps
                    ? !time.isBefore(p.start()) || time.isBefore(p.end())
                    : !time.isBefore(p.start()) && time.isBefore(p.end());
            if (inside) {
                return p.band();
            }
        }
        return TariffBand.FLAT;
    }
}
