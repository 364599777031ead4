package io.wattline.notify;

import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.AlarmListener;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Person;
import io.wattline.notify.outbox.Outbox;
import io.wattline.notify.outbox.OutgoingMessage;
import io.wattline.notify.reply.ReplyHandler;
import io.wattline.notify.roster.PhoneNumbers;
import io.wattline.notify.sms.IncomingSms;
import io.wattline.notify.sms.SmsTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the alarm engine and the SMS transports and runs the {@link NotificationEngine} and
 * the {@link ReplyHandler} on one thread of its own (alarm callbacks only queue), checking every
 * second for escalations, quiet hours that ended and flood summaries; what they decide goes into
 * the outbox.
 */
public final class AlarmNotifier implements AlarmListener, SmsTransport.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmNotifier.class);

    private final NotificationSettings settings;
    private final NotificationEngine engine;
    private final ReplyHandler replies;
    private final Outbox outbox;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alarm-notifier");
        t.setDaemon(true);
        return t;
    });

    public AlarmNotifier(NotificationSettings settings, NotificationEngine engine, ReplyHandler replies, Outbox outbox,
            Clock clock) {
        this.settings = settings;
        this.engine = engine;
        this.replies = replies;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Starts the periodic check (escalations, quiet hours, flood summaries). */
    public AlarmNotifier start(Duration tick) {
        thread.scheduleWithFixedDelay(() -> guarded(() -> engine.tick(clock.instant()).forEach(this::enqueue)),
                tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        thread.execute(() -> guarded(() -> engine.onAlarm(event, clock.instant()).forEach(this::enqueue)));
    }

    @Override
    public void onIncoming(IncomingSms sms) {
        thread.execute(() -> guarded(() -> replies.onIncoming(sms).ifPresent(a -> enqueue(new Notification(
                a.person(), a.text(), "reply:" + sms.transportId() + ":" + a.person().id() + ":"
                        + sms.received().toEpochMilli() + ":" + Integer.toHexString(sms.text().hashCode()),
                List.of())))));
    }

    @Override
    public void onDeliveryReport(String transportId, String providerId, boolean delivered, String detail) {
        outbox.receipt(transportId, providerId, delivered, detail);
    }

    private void enqueue(Notification n) {
        Person p = n.person();
        List<String> channels = !p.channels().isEmpty() ? p.channels()
                : settings.transports().stream().limit(1).map(t -> t.id()).toList();
        if (channels.isEmpty()) {
            LOG.warn("no SMS transport is configured: {} is not notified", p.id());
            return;
        }
        outbox.enqueue(new OutgoingMessage(n.dedupKey(), PhoneNumbers.canonical(p.phone(),
                settings.defaultCountryCode()), n.text(), channels, n.alarmIds()));
    }

    /** One failed alarm or reply must not stop the notifier. */
    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("notification step failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
