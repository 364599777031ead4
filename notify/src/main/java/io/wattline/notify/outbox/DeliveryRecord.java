package io.wattline.notify.outbox;

import java.time.Instant;
import java.util.List;

/**
 * A message's delivery status as the API shows it.
 *
 * @param channel     the transport it went (or goes) by
 * @param attempts    hand-overs to transports so far
 * @param resentAfterCrash true when Wattline stopped while handing it over, so it was sent again
 *                    (the SMSC may have it twice)
 * @param providerIds the ids the SMSC or provider gave its parts
 */
public record DeliveryRecord(long id, String dedupKey, String to, String text, List<Long> alarmIds,
        DeliveryStatus status, String channel, int attempts, boolean resentAfterCrash, List<String> providerIds,
        String lastError, Instant created, Instant updated) {
}
