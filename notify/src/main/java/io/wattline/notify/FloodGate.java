package io.wattline.notify;

import io.wattline.alarms.Priority;
import io.wattline.core.notification.FloodControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Flood control per person: a window opens with a message; its first messages go out, the rest
 * are held and counted, and when the window closes one summary names how many there were. Pure
 * logic, driven by the times it is given.
 */
final class FloodGate {

    private final FloodControl control;
    private final Map<String, Window> windows = new HashMap<>();

    FloodGate(FloodControl control) {
        this.control = control;
    }

    /** True when the message may go out now; false when it is held for the summary. */
    boolean admit(String personId, long alarmId, Priority priority, Instant now) {
        Window w = windows.get(personId);
        if (w == null || !now.isBefore(w.end)) {
            w = new Window(now, now.plus(control.window()));
            windows.put(personId, w);
        }
        w.total++;
        if (w.sent < control.messagesPerWindow()) {
            w.sent++;
            return true;
        }
        w.held.add(alarmId);
        if (w.highest == null || priority.compareTo(w.highest) < 0) {
            w.highest = priority;
        }
        return false;
    }

    /** The summaries of windows that closed by {@code now} with held messages; forgets closed windows. */
    List<Summary> closed(Instant now) {
        List<Summary> due = new ArrayList<>();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Window> e = it.next();
            Window w = e.getValue();
            if (now.isBefore(w.end)) {
                continue;
            }
            if (!w.held.isEmpty()) {
                due.add(new Summary(e.getKey(), w.start, w.total, List.copyOf(w.held), w.highest));
            }
            it.remove();
        }
        return due;
    }

    /**
     * What a person was not told one by one in a window.
     *
     * @param total        messages for the person in the window, those sent included
     * @param heldAlarmIds the alarms of the held messages, oldest first
     */
    record Summary(String personId, Instant windowStart, int total, List<Long> heldAlarmIds, Priority highest) {
    }

    private static final class Window {
        final Instant start;
        final Instant end;
        int total;
        int sent;
        final List<Long> held = new ArrayList<>();
        Priority highest;

        Window(Instant start, Instant end) {
            this.start = start;
            this.end = end;
        }
    }
}
