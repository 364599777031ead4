package io.wattline.core.tariff;

/** Where a tariff's periods or prices come from, and what of it was checked against that source. */
public record TariffSource(String title, String url, String verified) {
}
