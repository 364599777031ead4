package io.wattline.notify.reply;

import io.wattline.alarms.AlarmCommands;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Person;
import io.wattline.notify.SmsTexts;
import io.wattline.notify.outbox.Outbox;
import io.wattline.notify.outbox.RecordLog;
import io.wattline.notify.roster.PhoneNumbers;
import io.wattline.notify.sms.IncomingSms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on SMS replies: {@code ACK 1234} from a rostered phone that was notified of alarm 1234
 * acknowledges it through {@link AlarmCommands}, with the phone number as the actor; any other
 * text from a rostered phone gets a short help reply (at most one every 10 minutes); unknown and
 * blacklisted numbers get nothing. Every reply is kept in the reply journal; logs name the person,
 * never the number or the text.
 */
public final class ReplyHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyHandler.class);
    private static final Duration HELP_INTERVAL = Duration.ofMinutes(10);

    private final NotificationSettings settings;
    private final Outbox outbox;
    private final AlarmCommands commands;
    private final SmsTexts texts;
    private final RecordLog journal;
    private final Clock clock;
    private final Map<String, Person> byPhone = new HashMap<>();
    private final Map<String, Instant> lastHelp = new HashMap<>();

    public ReplyHandler(NotificationSettings settings, Outbox outbox, AlarmCommands commands, SmsTexts texts,
            RecordLog journal, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.commands = commands;
        this.texts = texts;
        this.journal = journal;
        this.clock = clock;
        settings.people().forEach(p -> byPhone.put(canonical(p.phone()), p));
    }

    /** What to answer (person and text), if anything. */
    public Optional<Answer> onIncoming(IncomingSms sms) {
        String phone = canonical(sms.from());
        Person person = byPhone.get(phone);
        boolean blacklisted = settings.blacklist().stream().anyMatch(b -> canonical(b).equals(phone));
        if (person == null || blacklisted) {
            record(sms, phone, blacklisted ? "ignored: blacklisted" : "ignored: not rostered");
            LOG.info("ignored an SMS from {} number {}", blacklisted ? "a blacklisted" : "an unrostered",
                    PhoneNumbers.masked(phone));
            return Optional.empty();
        }
        OptionalLong ack = ReplyParser.acknowledgement(sms.text());
        if (ack.isEmpty()) {
            Instant now = clock.instant();
            Instant last = lastHelp.get(phone);
            boolean help = last == null || !now.isBefore(last.plus(HELP_INTERVAL));
            record(sms, phone, help ? "help sent" : "ignored: help sent recently");
            LOG.info("reply from {} is no command; {}", person.id(), help ? "help sent" : "help sent recently");
            if (!help) {
                return Optional.empty();
            }
            lastHelp.put(phone, now);
            return Optional.of(new Answer(person, texts.help(person.language())));
        }
        long alarmId = ack.getAsLong();
        if (!outbox.notified(phone, alarmId)) {
            record(sms, phone, "refused: not notified of " + alarmId);
            LOG.info("{} asked to acknowledge alarm {} without being notified of it; refused", person.id(), alarmId);
            return Optional.of(new Answer(person, texts.notNotified(person.language(), alarmId)));
        }
        AlarmCommands.Outcome outcome = commands.acknowledge(alarmId, phone, "SMS reply");
        record(sms, phone, (outcome.done() ? "acknowledged " : "not acknowledged ") + alarmId + " " + outcome.reason());
        LOG.info("{} acknowledged alarm {} by SMS: {}", person.id(), alarmId, outcome.done() ? "done" : outcome.reason());
        return Optional.of(new Answer(person, outcome.done() ? texts.acknowledged(person.language(), alarmId)
                : texts.notAcknowledged(person.language(), alarmId, outcome.reason())));
    }

    /** An SMS to send back. */
    public record Answer(Person person, String text) {
    }

    private String canonical(String phone) {
        return PhoneNumbers.canonical(phone, settings.defaultCountryCode());
    }

    private void record(IncomingSms sms, String phone, String outcome) {
        try {
            journal.append(sms.received().toString(), sms.transportId(), phone, sms.text(), outcome);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SMS reply journal", e);
        }
    }
}
