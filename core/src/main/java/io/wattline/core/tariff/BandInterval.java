package io.wattline.core.tariff;

import java.time.Instant;

/** A stretch [start, end) of time in one tariff band. */
public record BandInterval(TariffBand band, Instant start, Instant end) {
}
