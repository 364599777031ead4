package io.wattline.notify.sms;

import java.time.Instant;

/** An SMS that reached us (a reply to an alarm), as the transport received it. */
public record IncomingSms(String transportId, String from, String text, Instant received) {
}
