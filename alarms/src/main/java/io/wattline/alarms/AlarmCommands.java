package io.wattline.alarms;

import java.time.Duration;

/**
 * What people may do to alarms, whoever asks (a user in the browser, a phone by SMS reply): each
 * call is journalled with the actor and comment, and answers what happened.
 */
public interface AlarmCommands {

    /** The outcome of a command, with a reason people can read when it did nothing. */
    record Outcome(boolean done, String reason) {

        public static Outcome ok() {
            return new Outcome(true, "");
        }

        public static Outcome refused(String reason) {
            return new Outcome(false, reason);
        }
    }

    /** Acknowledges alarm {@code alarmId}; refused for an unknown alarm or one that needs no acknowledgement. */
    Outcome acknowledge(long alarmId, String actor, String comment);

    /** Shelves an alarm for {@code duration} (at most the configured maximum) with a reason. */
    Outcome shelve(long alarmId, String actor, Duration duration, String reason);

    Outcome unshelve(long alarmId, String actor, String comment);
}
