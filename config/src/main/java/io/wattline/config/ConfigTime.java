package io.wattline.config;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Date-times in the configuration: ISO with an offset, or local in the plant's time zone. */
final class ConfigTime {

    private ConfigTime() {
    }

    static Optional<Instant> parse(String text, ZoneId zone) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            if (zone == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
