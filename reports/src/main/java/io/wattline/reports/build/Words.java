package io.wattline.reports.build;

import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.tariff.TariffBand;
import io.wattline.reports.model.Labels;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Carrier, band and unit names and plant-local times in the report's language. */
final class Words {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Labels labels;
    private final ZoneId zone;

    Words(Labels labels, ZoneId zone) {
        this.labels = labels;
        this.zone = zone;
    }

    Labels labels() {
        return labels;
    }

    String carrier(EnergyCarrier c) {
        return labels.get("carrier." + c.name());
    }

    String band(TariffBand b) {
        return labels.get("band." + b.name());
    }

    /** {@code m3} is written m³. */
    static String unit(String unit) {
        return unit.equals("m3") ? "m³" : unit;
    }

    LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t, zone);
    }

    String time(Instant t) {
        return MINUTE.format(local(t));
    }

    String get(String key) {
        return labels.get(key);
    }

    String format(String key, Object... args) {
        return labels.format(key, args);
    }
}
