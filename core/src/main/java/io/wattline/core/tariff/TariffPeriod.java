package io.wattline.core.tariff;

import java.time.LocalTime;

/** A daily time window [start, end) in one band; end 00:00 means midnight. */
public record TariffPeriod(LocalTime start, LocalTime end, TariffBand band) {
}
