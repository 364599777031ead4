package io.wattline.core.alarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alarm rule of the plant file's {@code alarms.rules}, as configured (the alarms module turns
 * it into alarms). Points are {@code device.point} ids of the point catalogue; energy amounts are in
 * the carrier's accounting unit (kWh, m3, t), powers in kW.
 */
public sealed interface AlarmRuleSettings {

    RuleBasics basics();

    /** The rule type as the file names it ({@code limit}, {@code rate}, ...). */
    String type();

    /**
     * High and low limits (ISA-18.2 HH, H, L, LL; each one configured is its own alarm) on each point,
     * with a deadband the value must move back by before the alarm clears.
     *
     * @param levelPriorities priority per level ({@code hh}, {@code h}, {@code l}, {@code ll}) where it
     *                        differs from the rule's
     * @param suppressible    false: the alarm stays in service while its line is stopped
     */
    record Limit(RuleBasics basics, List<String> points, Double hh, Double h, Double l, Double ll, double deadband,
            Map<String, String> levelPriorities, boolean suppressible) implements AlarmRuleSettings {
        public Limit {
            points = List.copyOf(points);
            levelPriorities = levelPriorities == null ? Map.of() : Map.copyOf(levelPriorities);
        }

        @Override
        public String type() {
            return "limit";
        }
    }

    /** Rate of change: the value rises (or falls) faster than a limit per minute between two readings. */
    record Rate(RuleBasics basics, List<String> points, Double risePerMinute, Double fallPerMinute,
            boolean suppressible) implements AlarmRuleSettings {
        public Rate {
            points = List.copyOf(points);
        }

        @Override
        public String type() {
            return "rate";
        }
    }

    /** A device stops answering (its health is OFFLINE), whatever protocol it speaks; no meters: every meter. */
    record CommunicationLoss(RuleBasics basics, List<String> meters) implements AlarmRuleSettings {
        public CommunicationLoss {
            meters = meters == null ? List.of() : List.copyOf(meters);
        }

        @Override
        public String type() {
            return "communication";
        }
    }

    /** No good reading of a point for longer than {@code after}. */
    record Stale(RuleBasics basics, List<String> points, Duration after, boolean suppressible)
            implements AlarmRuleSettings {
        public Stale {
            points = List.copyOf(points);
        }

        @Override
        public String type() {
            return "stale";
        }
    }

    /**
     * The running demand block (15 minutes) of a meter, projected to its end, exceeds {@code share} of
     * the contracted maximum demand.
     *
     * @param trend the span of recent readings whose rate is projected over the rest of the block
     */
    record DemandForecast(RuleBasics basics, String meter, double contractedKw, double share, Duration block,
            Duration trend) implements AlarmRuleSettings {
        @Override
        public String type() {
            return "demand";
        }
    }

    /**
     * Consumption of a line or a cost centre (one of them is set) in its carrier since the start of the
     * shift or production day ({@code per}: {@code shift} or {@code day}) exceeds {@code budget}.
     *
     * @param every how often the consumption is read
     */
    record Budget(RuleBasics basics, String line, String costCentre, String carrier, String per, double budget,
            Duration every) implements AlarmRuleSettings {
        @Override
        public String type() {
            return "budget";
        }
    }

    /**
     * A line draws more than {@code aboveKw} while it should not: in one of its {@code breaks}, in a
     * shift it does not work ({@code idleShifts}), or ({@code whenNoCrew}) in a shift the rotation puts
     * no crew on.
     */
    record Waste(RuleBasics basics, String line, double aboveKw, List<TimeWindow> breaks, List<String> idleShifts,
            boolean whenNoCrew) implements AlarmRuleSettings {
        public Waste {
            breaks = breaks == null ? List.of() : List.copyOf(breaks);
            idleShifts = idleShifts == null ? List.of() : List.copyOf(idleShifts);
        }

        @Override
        public String type() {
            return "waste";
        }
    }

    /**
     * A meter's consumption minus that of its sub-meters, over the trailing {@code window}, exceeds
     * {@code share} of the meter's (a sub-meter that stopped counting, an unmetered load, theft); the
     * rule's on-delay is how long that must last.
     */
    record LossAnomaly(RuleBasics basics, String meter, double share, Duration window, Duration every)
            implements AlarmRuleSettings {
        @Override
        public String type() {
            return "loss";
        }
    }

    /**
     * A line's consumption in the current production day or shift ({@code period}) deviates from what
     * its KPI baseline, fitted on the last {@code baselineDays} days, expects by more than
     * {@code abovePercent} percent.
     */
    record BaselineDeviation(RuleBasics basics, String line, String carrier, String period, int baselineDays,
            double abovePercent, Duration every) implements AlarmRuleSettings {
        @Override
        public String type() {
            return "baseline";
        }
    }
}
