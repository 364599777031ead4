package io.wattline.notify;

import io.wattline.alarms.AlarmCommands;
import io.wattline.alarms.AlarmListener;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.notify.outbox.Outbox;
import io.wattline.notify.outbox.OutboxDispatcher;
import io.wattline.notify.outbox.RecordLog;
import io.wattline.notify.reply.ReplyHandler;
import io.wattline.notify.sms.SmsTransport;
import java.io.IOException;
import io.wattline.core.secrets.Secrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification put together: the outbox under {@code <data>/notify}, one transport per configured
 * channel, the dispatcher that sends, and the {@link AlarmNotifier} to register with the alarm
 * engine. What the web layer holds: {@link #listener()} for alarms, {@link #outbox()} for delivery
 * status.
 */
public final class NotificationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final Outbox outbox;
    private final RecordLog replyJournal;
    private final List<SmsTransport> transports;
    private final OutboxDispatcher dispatcher;
    private final AlarmNotifier notifier;

    private NotificationService(Outbox outbox, RecordLog replyJournal, List<SmsTransport> transports,
            OutboxDispatcher dispatcher, AlarmNotifier notifier) {
        this.outbox = outbox;
        this.replyJournal = replyJournal;
        this.transports = transports;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
    }

    /**
     * Starts notification with the transports the settings describe.
     *
     * @param environment looks up the secrets the settings name ({@code System::getenv} in production)
     */
    public static NotificationService start(NotificationSettings settings, ZoneId zone, ShiftCalendar calendar,
            Path dataDirectory, AlarmCommands commands, Clock clock, Function<String, String> environment)
            throws IOException {
        List<SmsTransport> transports = settings.transports().stream()
                .map(t -> SmsTransports.create(t, environment, new Secrets(environment, dataDirectory))).toList();
        return start(settings, zone, calendar, dataDirectory, commands, clock, transports, Duration.ofSeconds(1));
    }

    /** Starts notification over transports built by the caller (tests, another kind of link). */
    public static NotificationService start(NotificationSettings settings, ZoneId zone, ShiftCalendar calendar,
            Path dataDirectory, AlarmCommands commands, Clock clock, List<SmsTransport> transports, Duration tick)
            throws IOException {
        Path dir = dataDirectory.resolve("notify");
        Outbox outbox = Outbox.open(dir, settings.retry(), clock);
        RecordLog journal = new RecordLog(dir.resolve("replies.log"));
        NotificationEngine engine = new NotificationEngine(settings, zone, calendar);
        ReplyHandler replies = new ReplyHandler(settings, outbox, commands, engine.texts(), journal, clock);
        AlarmNotifier notifier = new AlarmNotifier(settings, engine, replies, outbox, clock).start(tick);
        transports.forEach(t -> t.start(notifier));
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, transports);
        dispatcher.start();
        LOG.info("notification: {} people, {} rosters, transports {}", settings.people().size(),
                settings.rosters().size(), transports.stream().map(SmsTransport::id).toList());
        return new NotificationService(outbox, journal, transports, dispatcher, notifier);
    }

    /** Register this with the alarm engine. */
    public AlarmListener listener() {
        return notifier;
    }

    /** Delivery status of every SMS, for the API. */
    public Outbox outbox() {
        return outbox;
    }

    public List<SmsTransport> transports() {
        return transports;
    }

    @Override
    public void close() throws IOException {
        notifier.close();
        dispatcher.close();
        transports.forEach(SmsTransport::close);
        replyJournal.close();
        outbox.close();
    }
}
