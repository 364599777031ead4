package io.wattline.alarms.journal;

import java.time.Instant;
import java.util.List;

/**
 * Where alarm transitions are kept durably (the port; a file or database adapter implements it).
 * Append only: nothing written is ever changed.
 */
public interface AlarmJournal {

    void append(JournalEntry entry);

    /** Entries with {@code from <= time < to}, oldest first, at most {@code limit}. */
    List<JournalEntry> between(Instant from, Instant to, int limit);
}
