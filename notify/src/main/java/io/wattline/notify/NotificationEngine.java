package io.wattline.notify;

import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.Priority;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Person;
import io.wattline.core.notification.QuietHours;
import io.wattline.core.notification.Roster;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.notify.roster.OnCallResolver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides who gets which SMS for alarm changes, and when: the first person on call at once (or
 * when quiet hours end, for the low priorities they hold back), the next level after each timeout
 * while nobody acknowledges, return-to-normal messages for the configured priorities, and one
 * summary instead of a flood. Pure logic driven by the times it is given: {@link AlarmNotifier}
 * runs it on one thread and puts what it decides into the outbox.
 */
public final class NotificationEngine {

    private final NotificationSettings settings;
    private final ZoneId zone;
    private final OnCallResolver onCall;
    private final FloodGate flood;
    private final SmsTexts texts;
    /** Alarms being escalated or waiting for quiet hours to end, per alarm and roster. */
    private final Map<String, Notice> notices = new LinkedHashMap<>();

    public NotificationEngine(NotificationSettings settings, ZoneId zone, ShiftCalendar calendar) {
        this.settings = settings;
        this.zone = zone;
        this.onCall = new OnCallResolver(settings, zone, calendar);
        this.flood = new FloodGate(settings.flood());
        this.texts = new SmsTexts(zone);
    }

    public OnCallResolver onCall() {
        return onCall;
    }

    public SmsTexts texts() {
        return texts;
    }

    /** The SMS to send now because of this change. */
    public List<Notification> onAlarm(AlarmEvent event, Instant now) {
        List<Notification> out = new ArrayList<>();
        if (event.raised()) {
            raise(event, now, out);
        } else if (event.returnedToNormal()) {
            returned(event, now, out);
        } else if (!event.to().needsAcknowledgement()) {
            notices.values().removeIf(n -> n.alarmId() == event.alarmId() && n.stopEscalating());
        }
        return out;
    }

    /** The SMS due by {@code now}: escalations, alarms held by quiet hours, flood summaries. */
    public List<Notification> tick(Instant now) {
        List<Notification> out = new ArrayList<>();
        for (Notice n : notices.values()) {
            if (n.nextAt != null && !now.isBefore(n.nextAt)) {
                notifyNextLevel(n, now, out);
            }
        }
        for (FloodGate.Summary s : flood.closed(now)) {
            settings.person(s.personId()).ifPresent(p -> out.add(new Notification(p,
                    texts.summary(p.language(), s.total(), s.heldAlarmIds(), s.highest(), settings.flood().window()),
                    "summary:" + p.id() + ":" + s.windowStart().toEpochMilli(), s.heldAlarmIds())));
        }
        return out;
    }

    /** Alarms still being escalated or held (for status pages and tests). */
    public int open() {
        return (int) notices.values().stream().filter(n -> n.nextAt != null).count();
    }

    private void raise(AlarmEvent event, Instant now, List<Notification> out) {
        for (Roster roster : onCall.rostersFor(event)) {
            List<Person> levels = onCall.levels(roster, now);
            if (levels.isEmpty()) {
                continue;
            }
            Notice n = new Notice(event, roster, levels, now);
            notices.put(event.alarmId() + "/" + roster.id(), n);
            Instant quietEnd = quietEnd(event.priority(), now);
            if (quietEnd != null) {
                n.nextAt = quietEnd;
            } else {
                notifyNextLevel(n, now, out);
            }
        }
    }

    private void notifyNextLevel(Notice n, Instant now, List<Notification> out) {
        if (n.nextLevel >= n.levels.size()) {
            n.nextAt = null;
            return;
        }
        int level = n.nextLevel;
        Person person = n.levels.get(level);
        Duration late = level == 0 ? null : Duration.between(n.raisedAt, now);
        String text = texts.alarm(person.language(), n.alarmId(), n.event.priority(),
                n.event.message(person.language()), n.event.time(), late);
        String key = "alarm:" + n.alarmId() + ":" + n.roster.id() + ":" + level + ":" + n.event.time().toEpochMilli();
        send(person, n.event, text, key, now, out);
        n.notified.add(person);
        n.nextLevel++;
        n.nextAt = n.nextLevel < n.levels.size() ? now.plus(n.roster.timeoutOfLevel(level)) : null;
    }

    private void returned(AlarmEvent event, Instant now, List<Notification> out) {
        boolean tell = settings.returnToNormal().contains(event.priority().name().toLowerCase(Locale.ROOT));
        Set<Person> told = new LinkedHashSet<>();
        for (Iterator<Notice> it = notices.values().iterator(); it.hasNext();) {
            Notice n = it.next();
            if (n.alarmId() == event.alarmId()) {
                told.addAll(n.notified);
                it.remove();
            }
        }
        if (!tell) {
            return;
        }
        for (Person p : told) {
            send(p, event, texts.returnedToNormal(p.language(), event.alarmId(), event.message(p.language()),
                    event.time()), "rtn:" + event.alarmId() + ":" + p.id() + ":" + event.time().toEpochMilli(), now, out);
        }
    }

    private void send(Person person, AlarmEvent event, String text, String key, Instant now, List<Notification> out) {
        if (flood.admit(person.id(), event.alarmId(), event.priority(), now)) {
            out.add(new Notification(person, text, key, List.of(event.alarmId())));
        }
    }

    /** When the quiet hours that hold back this priority end, or null when it may go out now. */
    private Instant quietEnd(Priority priority, Instant now) {
        QuietHours q = settings.quietHours();
        if (q == null || !q.priorities().contains(priority.name().toLowerCase(Locale.ROOT))) {
            return null;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!q.contains(time)) {
            return null;
        }
        ZonedDateTime end = local.toLocalDate().atTime(q.end()).atZone(zone);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }

    /** One alarm as one roster handles it: its levels, who was told, and when the next level is due. */
    private static final class Notice {
        final AlarmEvent event;
        final Roster roster;
        final List<Person> levels;
        final Instant raisedAt;
        final Set<Person> notified = new LinkedHashSet<>();
        int nextLevel;
        Instant nextAt;

        Notice(AlarmEvent event, Roster roster, List<Person> levels, Instant raisedAt) {
            this.event = event;
            this.roster = roster;
            this.levels = levels;
            this.raisedAt = raisedAt;
        }

        long alarmId() {
            return event.alarmId();
        }

        /** Stops escalating; true when nothing was sent yet, so the notice can be forgotten. */
        boolean stopEscalating() {
            nextAt = null;
            return notified.isEmpty();
        }
    }
}
