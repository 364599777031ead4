package io.wattline.notify.outbox;

import io.wattline.core.notification.RetryPolicy;
import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.notify.sms.IncomingSms;
import io.wattline.notify.sms.SmsTransport;
import io.wattline.notify.smpp.SmppTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The process {@link OutboxCrashIntegrationTest} kills with SIGKILL: opens the outbox in a data
 * directory, queues {@code count} SMS (keys {@code crash-1…}, so a restart queues nothing new),
 * prints {@code RESENT <ids>} (messages found in flight from the last run) and {@code QUEUED <n>},
 * then sends through the SMSC until it is killed or its input closes.
 * Arguments: data directory, SMSC port, count, messages a second.
 */
public final class OutboxCrashChild {

    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        Outbox outbox = Outbox.open(dir, new RetryPolicy(100, Duration.ofMillis(100), Duration.ofMillis(500)),
                Clock.systemUTC());
        List<Long> resent = outbox.recent(10_000).stream().filter(DeliveryRecord::resentAfterCrash)
                .map(DeliveryRecord::id).toList();
        System.out.println("RESENT " + resent);
        for (int i = 1; i <= count; i++) {
            outbox.enqueue(new OutgoingMessage("crash-" + i, "+8613800000001", "崩溃测试 #" + i, List.of("smsc"),
                    List.of((long) i)));
        }
        System.out.println("QUEUED " + outbox.pending());
        System.out.flush();
        SmppTransport smpp = new SmppTransport(new SmsTransportSettings.Smpp("smsc", "127.0.0.1", port, "crash", "",
                "", "10690000", rate, Duration.ofSeconds(5), Duration.ofMillis(100), false), "");
        smpp.start(new SmsTransport.Listener() {
            @Override
            public void onIncoming(IncomingSms sms) {
                // The crash test sends no replies.
            }

            @Override
            public void onDeliveryReport(String transportId, String providerId, boolean delivered, String detail) {
                outbox.receipt(transportId, providerId, delivered, detail);
            }
        });
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, List.of(smpp));
        dispatcher.start();
        // Runs until killed; a closed input (the test ending normally) stops it.
        while (System.in.read() >= 0) {
            // input is not used
        }
        dispatcher.close();
        smpp.close();
        outbox.close();
    }
}
