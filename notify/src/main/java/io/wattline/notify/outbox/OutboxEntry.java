package io.wattline.notify.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One message's state inside the outbox (guarded by the outbox's lock). */
final class OutboxEntry {

    final long id;
    final Instant created;
    final OutgoingMessage message;
    DeliveryStatus status = DeliveryStatus.QUEUED;
    int channelIndex;
    int attempts;
    int attemptsOnChannel;
    Instant nextAt;
    List<String> providerIds = List.of();
    /** Receipts per provider id: true delivered, false not. */
    final Map<String, Boolean> receipts = new LinkedHashMap<>();
    String lastError = "";
    Instant updated;
    boolean resentAfterCrash;

    OutboxEntry(long id, Instant created, OutgoingMessage message) {
        this.id = id;
        this.created = created;
        this.message = message;
        this.nextAt = created;
        this.updated = created;
    }

    String channel() {
        return message.channels().get(Math.min(channelIndex, message.channels().size() - 1));
    }

    DeliveryRecord record() {
        return new DeliveryRecord(id, message.dedupKey(), message.to(), message.text(), message.alarmIds(), status,
                channel(), attempts, resentAfterCrash, providerIds, lastError, created, updated);
    }

    /** The state after a receipt: delivered when every part was, undelivered as soon as one was not. */
    void applyReceipt(String providerId, boolean delivered) {
        receipts.put(providerId, delivered);
        if (!delivered) {
            status = DeliveryStatus.UNDELIVERED;
        } else if (status != DeliveryStatus.UNDELIVERED && receipts.keySet().containsAll(providerIds)
                && !receipts.containsValue(false)) {
            status = DeliveryStatus.DELIVERED;
        }
    }

    /** The whole entry as one record, for a compacted file. */
    List<String> snapshot() {
        return List.of("E", Long.toString(id), millis(created), message.dedupKey(), message.to(),
                String.join(",", message.channels()), join(message.alarmIds()), message.text(), status.name(),
                Integer.toString(channelIndex), Integer.toString(attempts), Integer.toString(attemptsOnChannel),
                millis(nextAt), String.join(",", providerIds),
                receipts.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() ? 1 : 0))
                        .collect(Collectors.joining(",")),
                lastError, millis(updated), resentAfterCrash ? "1" : "0");
    }

    static OutboxEntry fromSnapshot(List<String> f) {
        OutboxEntry e = new OutboxEntry(Long.parseLong(f.get(1)), instant(f.get(2)),
                new OutgoingMessage(f.get(3), f.get(4), f.get(7), split(f.get(5)), alarmIds(f.get(6))));
        e.status = DeliveryStatus.valueOf(f.get(8));
        e.channelIndex = Integer.parseInt(f.get(9));
        e.attempts = Integer.parseInt(f.get(10));
        e.attemptsOnChannel = Integer.parseInt(f.get(11));
        e.nextAt = instant(f.get(12));
        e.providerIds = split(f.get(13));
        for (String r : split(f.get(14))) {
            int eq = r.lastIndexOf('=');
            e.receipts.put(r.substring(0, eq), r.endsWith("=1"));
        }
        e.lastError = f.get(15);
        e.updated = instant(f.get(16));
        e.resentAfterCrash = "1".equals(f.get(17));
        return e;
    }

    static String millis(Instant t) {
        return Long.toString(t.toEpochMilli());
    }

    static Instant instant(String millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }

    static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<String> split(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    static List<Long> alarmIds(String s) {
        List<Long> ids = new ArrayList<>();
        split(s).forEach(x -> ids.add(Long.parseLong(x)));
        return ids;
    }
}
