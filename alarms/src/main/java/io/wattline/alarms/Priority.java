package io.wattline.alarms;

import java.util.Locale;

/** Alarm priority (ISA-18.2 §6.5: few priorities, each with a defined response). Highest first. */
public enum Priority {
    /** Immediate action: a trip, a line down, a demand limit about to be exceeded. */
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    public static Priority parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
