package io.wattline.web.alarms;

import io.wattline.config.DurationText;
import io.wattline.web.api.InvalidParameterException;
import java.time.Duration;

/**
 * The JSON body of an alarm command: {@code comment} (acknowledge, unshelve), {@code duration}
 * ({@code 30m}, {@code 2h}) and {@code reason} (shelve). Any part may be absent where not needed.
 */
public record AlarmCommandBody(String comment, String duration, String reason) {

    static AlarmCommandBody empty() {
        return new AlarmCommandBody(null, null, null);
    }

    String commentOrEmpty() {
        return comment == null ? "" : comment.strip();
    }

    Duration shelveDuration() {
        if (duration == null || duration.isBlank()) {
            throw new InvalidParameterException("duration", "how long to shelve, like 30m or 2h", duration);
        }
        return DurationText.parse(duration).orElseThrow(() -> new InvalidParameterException("duration",
                "how long to shelve, like 30m or 2h", duration));
    }
}
