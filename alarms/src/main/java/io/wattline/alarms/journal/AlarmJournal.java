package io.wattline.alarms.journal;

import java.time.Instant;
import java.util.List;

/**
 * Where alarm transitions are kept durably (the port; a file or database adapter implements it).
 * Append only: nothing written is ever changed. The engine rebuilds its active alarms from it when
 * it starts, so it is the one durable state of the alarm engine.
 */
public interface AlarmJournal extends AutoCloseable {

    /** Appends an entry; it is durable once {@link #flush()} returned. */
    void append(JournalEntry entry);

    /** Makes everything appended so far durable (one disk sync for a batch of entries). */
    default void flush() {
    }

    /** The entries a query asks for, oldest first. */
    List<JournalEntry> query(JournalQuery query);

    /** Every entry, oldest first (what the engine restores its state from). */
    List<JournalEntry> all();

    /** Entries with {@code from <= time < to}, oldest first, at most {@code limit}. */
    default List<JournalEntry> between(Instant from, Instant to, int limit) {
        return query(JournalQuery.between(from, to, limit));
    }

    @Override
    default void close() {
    }
}
