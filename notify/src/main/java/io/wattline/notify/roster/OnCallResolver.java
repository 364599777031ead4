package io.wattline.notify.roster;

import io.wattline.alarms.AlarmEvent;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Person;
import io.wattline.core.notification.Roster;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.ShiftInstance;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers who is told of an alarm and in what order: the rosters that take it, and per roster the
 * escalation levels at a given time (the people on call in the current shift and crew, then the
 * supervisor), without anyone whose number is blacklisted.
 */
public final class OnCallResolver {

    private final NotificationSettings settings;
    private final ZoneId zone;
    private final ShiftCalendar calendar;
    private final Set<String> blacklist;

    public OnCallResolver(NotificationSettings settings, ZoneId zone, ShiftCalendar calendar) {
        this.settings = settings;
        this.zone = zone;
        this.calendar = calendar;
        this.blacklist = settings.blacklist().stream()
                .map(n -> PhoneNumbers.canonical(n, settings.defaultCountryCode())).collect(Collectors.toSet());
    }

    public List<Roster> rostersFor(AlarmEvent event) {
        String priority = event.priority().name().toLowerCase(Locale.ROOT);
        return settings.rosters().stream().filter(r -> r.takes(event.lineId(), priority)).toList();
    }

    /** Level 0 is told first; level k+1 when level k did not acknowledge within its timeout. */
    public List<Person> levels(Roster roster, Instant time) {
        ShiftInstance shift = calendar.shiftAt(time.atZone(zone));
        List<String> ids = new ArrayList<>();
        roster.onCall().stream().filter(o -> o.matches(shift.shift().id(), shift.crew())).findFirst()
                .ifPresent(o -> ids.addAll(o.people()));
        if (roster.supervisor() != null && !ids.contains(roster.supervisor())) {
            ids.add(roster.supervisor());
        }
        List<Person> levels = new ArrayList<>();
        for (String id : ids) {
            settings.person(id).filter(p -> !blacklisted(p.phone())).ifPresent(levels::add);
        }
        return levels;
    }

    public boolean blacklisted(String phone) {
        return blacklist.contains(PhoneNumbers.canonical(phone, settings.defaultCountryCode()));
    }
}
