package io.wattline.core.notification;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Who answers the alarms of some lines and priorities: the people on call in each shift (or for
 * each crew), then a supervisor. While nobody acknowledges, the next level is notified after the
 * level's timeout: {@code escalateAfter.get(k)} is how long level k waits (the last repeats).
 *
 * @param lines      line ids whose alarms this roster takes; empty: every alarm
 * @param priorities priorities it takes (lower-case names); empty: every priority
 */
public record Roster(String id, String name, List<String> lines, Set<String> priorities, List<OnCall> onCall,
        String supervisor, List<Duration> escalateAfter) {

    public Roster {
        name = name == null ? id : name;
        lines = lines == null ? List.of() : List.copyOf(lines);
        priorities = NotificationSettings.lowerCase(priorities);
        onCall = List.copyOf(onCall);
        escalateAfter = escalateAfter == null || escalateAfter.isEmpty() ? List.of(Duration.ofMinutes(10))
                : List.copyOf(escalateAfter);
    }

    /** How long level {@code level} (0 = first person on call) waits for an acknowledgement. */
    public Duration timeoutOfLevel(int level) {
        return escalateAfter.get(Math.min(level, escalateAfter.size() - 1));
    }

    /** True when this roster takes alarms of this line (null: not about a line) and priority. */
    public boolean takes(String lineId, String priority) {
        boolean line = lines.isEmpty() || (lineId != null && lines.contains(lineId));
        return line && (priorities.isEmpty() || priorities.contains(priority));
    }

    /**
     * People on call, in order, during a shift worked by a crew: from the first entry whose shift
     * and crew match (an entry without them matches any).
     */
    public record OnCall(String shift, String crew, List<String> people) {

        public OnCall {
            people = List.copyOf(people);
        }

        public boolean matches(String shiftId, String crewName) {
            return (shift == null || shift.equals(shiftId)) && (crew == null || crew.equals(crewName));
        }
    }
}
