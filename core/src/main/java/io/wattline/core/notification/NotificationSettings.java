package io.wattline.core.notification;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is told of alarms, when and how (the plant file's {@code notification:} section): people,
 * on-call rosters, the blacklist, quiet hours, flood control, return-to-normal messages, the SMS
 * transports and the outbox's retry policy. Priorities are the lower-case names of the alarm
 * priorities ({@code critical}, {@code high}, {@code medium}, {@code low}), since core cannot see
 * the alarms module.
 *
 * @param returnToNormal      priorities whose return to normal is told to everyone who was notified
 * @param defaultCountryCode  digits put before national numbers (e.g. {@code 86}) to compare phones
 */
public record NotificationSettings(List<Person> people, List<Roster> rosters, List<String> blacklist,
        QuietHours quietHours, FloodControl flood, Set<String> returnToNormal,
        List<SmsTransportSettings> transports, RetryPolicy retry, String defaultCountryCode) {

    public NotificationSettings {
        people = List.copyOf(people);
        rosters = List.copyOf(rosters);
        blacklist = List.copyOf(blacklist);
        returnToNormal = lowerCase(returnToNormal);
        transports = List.copyOf(transports);
        flood = flood == null ? FloodControl.DEFAULT : flood;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        defaultCountryCode = defaultCountryCode == null ? "86" : defaultCountryCode;
    }

    /** A plant that notifies nobody (no {@code notification:} section). */
    public static NotificationSettings none() {
        return new NotificationSettings(List.of(), List.of(), List.of(), null, null, Set.of(), List.of(), null, null);
    }

    public Optional<Person> person(String id) {
        return people.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    static Set<String> lowerCase(Set<String> priorities) {
        return priorities == null ? Set.of()
                : priorities.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
