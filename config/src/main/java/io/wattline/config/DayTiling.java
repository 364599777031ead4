package io.wattline.config;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks that daily windows [start, end) tile the 24 hours exactly: no minute uncovered, none
 * covered twice. A window whose end is at or before its start crosses midnight; start = end is
 * the whole day. Shifts and tariff periods are both checked with it.
 */
final class DayTiling {

    private static final int MINUTES = 24 * 60;

    /** A window as configured; {@code index} is its position in the list. */
    record Window(int index, LocalTime start, LocalTime end) {
    }

    /** A stretch of the day covered by no window (owners empty) or by several. */
    record Fault(LocalTime from, LocalTime to, List<Integer> owners) {
        boolean isGap() {
            return owners.isEmpty();
        }
    }

    private DayTiling() {
    }

    /** Every gap and overlap, each as one stretch (a stretch across midnight is one fault). */
    static List<Fault> faults(List<Window> windows) {
        List<List<Integer>> owners = new ArrayList<>(MINUTES);
        for (int m = 0; m < MINUTES; m++) {
            owners.add(new ArrayList<>());
        }
        for (Window w : windows) {
            int start = minuteOf(w.start());
            int end = minuteOf(w.end());
            int length = end > start ? end - start : end - start + MINUTES;
            for (int k = 0; k < length; k++) {
                owners.get((start + k) % MINUTES).add(w.index());
            }
        }
        // Start scanning where the state changes, so a stretch across midnight is not split.
        int origin = 0;
        while (origin < MINUTES && Objects.equals(owners.get(origin), owners.get(
                Math.floorMod(origin - 1, MINUTES)))) {
            origin++;
        }
        List<Fault> faults = new ArrayList<>();
        if (origin == MINUTES) {
            // The same state all day: fine if exactly one window covers it.
            List<Integer> all = owners.get(0);
            if (all.size() != 1) {
                faults.add(new Fault(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, all));
            }
            return faults;
        }
        int runStart = origin;
        for (int k = 1; k <= MINUTES; k++) {
            int m = (origin + k) % MINUTES;
            int previous = Math.floorMod(m - 1, MINUTES);
            if (k == MINUTES || !owners.get(m).equals(owners.get(previous))) {
                List<Integer> state = owners.get(runStart);
                if (state.size() != 1) {
                    faults.add(new Fault(timeOf(runStart), timeOf(m), List.copyOf(state)));
                }
                runStart = m;
            }
        }
        faults.sort((a, b) -> a.from().compareTo(b.from()));
        return faults;
    }

    static String span(Fault fault) {
        return fault.from() + "–" + fault.to();
    }

    private static int minuteOf(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    private static LocalTime timeOf(int minute) {
        return LocalTime.of(minute / 60, minute % 60);
    }
}
