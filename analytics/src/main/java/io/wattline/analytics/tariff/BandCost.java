package io.wattline.analytics.tariff;

import io.wattline.core.tariff.TariffBand;

/** Energy in one band over a range, its price and its cost. */
public record BandCost(TariffBand band, double energyKwh, double pricePerKwh, double cost) {
}
