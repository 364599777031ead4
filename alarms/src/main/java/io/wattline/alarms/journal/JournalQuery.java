package io.wattline.alarms.journal;

import io.wattline.alarms.Priority;
import java.time.Instant;
import java.util.Objects;

/**
 * Which journal entries to read: {@code from <= time < to}, optionally of one priority and about one
 * source (a point id such as {@code main-incomer.active_power}, a meter or a line id; a meter id also
 * matches its points), at most {@code limit}, oldest first.
 */
public record JournalQuery(Instant from, Instant to, Priority priority, String source, Long alarmId, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public JournalQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    public static JournalQuery between(Instant from, Instant to, int limit) {
        return new JournalQuery(from, to, null, null, null, limit);
    }

    public boolean matches(JournalEntry e) {
        return !e.time().isBefore(from) && e.time().isBefore(to)
                && (priority == null || e.priority() == priority)
                && (alarmId == null || e.alarmId() == alarmId)
                && (source == null || e.source().equals(source) || e.source().startsWith(source + "."));
    }
}
