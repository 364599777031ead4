package io.wattline.core.tariff;

import io.wattline.core.plant.EnergyCarrier;

/**
 * The price of a non-electric carrier (water, natural gas, steam, compressed air, heat) per unit of
 * its counter ({@code m3}, {@code t}, {@code kWh}), so finance reports cost every metered carrier,
 * not only electricity. A figure in another unit than {@code unit} is not priced.
 */
public record CarrierPrice(EnergyCarrier carrier, String unit, double price) {
    public CarrierPrice {
        if (carrier == EnergyCarrier.ELECTRICITY || carrier == EnergyCarrier.NONE) {
            throw new IllegalArgumentException("carrier prices are for water, gas, steam, compressed air and heat;"
                    + " electricity is priced per band, got " + carrier);
        }
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("price of " + carrier + " must be a number >= 0, got " + price);
        }
    }
}
