package io.wattline.core.notification;

import java.time.Duration;

/**
 * Caps the SMS one person gets in a burst: in a window that opens with a message, the first
 * {@code messagesPerWindow} go out as they come; the rest are counted and summed up in one summary
 * SMS when the window closes.
 */
public record FloodControl(Duration window, int messagesPerWindow) {

    public static final FloodControl DEFAULT = new FloodControl(Duration.ofMinutes(1), 2);

    public FloodControl {
        if (window.isNegative() || window.isZero() || messagesPerWindow < 1) {
            throw new IllegalArgumentException("flood control needs a positive window and at least one message");
        }
    }
}
