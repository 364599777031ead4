package io.wattline.historian;

import java.time.Instant;

/**
 * A condition of the historian itself that an operator must see (target unreachable, lines
 * quarantined, commits failing). Shown in {@link HistorianStatus} until the alarm engine takes over.
 *
 * @param code stable identifier, e.g. {@code FORWARDER_QUARANTINED}
 * @param message what happened and what to do
 * @param since when the condition was first raised
 */
public record SystemAlarm(String code, String message, Instant since) {
}
