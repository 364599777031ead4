package io.wattline.collector.poll;

import io.wattline.collector.plan.ReadRequest;
import io.wattline.core.plant.Meter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One poll group of one meter: the reads planned for its points and how often to issue them.
 *
 * @param pauseBetweenRequests silence after each response (the profile's quirk), zero if none
 */
public record PollTask(Meter meter, String group, Duration period, List<ReadRequest> requests,
        Duration pauseBetweenRequests) {

    public PollTask {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(group, "group");
        requests = List.copyOf(requests);
        if (period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("meter " + meter.id() + " poll group " + group
                    + ": period must be positive, was " + period);
        }
        pauseBetweenRequests = pauseBetweenRequests == null ? Duration.ZERO : pauseBetweenRequests;
    }

    /** Short name for logs: {@code meter/group}. */
    public String label() {
        return meter.id() + "/" + group;
    }
}
