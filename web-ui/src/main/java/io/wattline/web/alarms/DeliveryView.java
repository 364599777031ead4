package io.wattline.web.alarms;

import io.wattline.notify.outbox.DeliveryRecord;
import io.wattline.notify.outbox.DeliveryStatus;
import java.time.Instant;
import java.util.List;

/**
 * One SMS's delivery status as the API shows it; the phone number is masked ({@code +86138****0001}),
 * so the list can be shown on a shared screen.
 */
public record DeliveryView(long id, String to, String text, List<Long> alarmIds, DeliveryStatus status,
        String channel, int attempts, boolean resentAfterCrash, String lastError, Instant created, Instant updated) {

    static DeliveryView of(DeliveryRecord r) {
        return new DeliveryView(r.id(), mask(r.to()), r.text(), r.alarmIds(), r.status(), r.channel(), r.attempts(),
                r.resentAfterCrash(), r.lastError(), r.created(), r.updated());
    }

    /** Keeps the first six and the last four characters. */
    static String mask(String phone) {
        if (phone == null || phone.length() <= 10) {
            return phone == null ? null : "****";
        }
        return phone.substring(0, 6) + "*".repeat(phone.length() - 10) + phone.substring(phone.length() - 4);
    }
}
