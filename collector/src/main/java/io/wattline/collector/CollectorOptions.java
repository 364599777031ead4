package io.wattline.collector;

import io.wattline.collector.plan.PlanStrategy;
import io.wattline.core.plant.PollingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the collector plans and schedules requests: the defaults for every connection, which a
 * connection's own {@link PollingOptions} from the plant file override ({@link #forConnection}).
 *
 * @param strategy            request planner strategy ({@code none}, {@code shrink}, {@code max_insert(n)})
 * @param retries             extra attempts for a request that got no answer before the meter is backed off
 * @param initialBackoff      first pause for a meter that stopped answering; it doubles per failed probe
 * @param maxBackoff          cap of that pause
 * @param interFrameDelay     extra silence between transactions on RS-485 buses, on top of the 3.5 characters
 * @param healthWindow        how many recent requests a meter's success ratio and latency cover
 * @param healthPublishPeriod how often health points ({@code comm_*}) are published
 * @param learnedPlanDirectory where what each device was found to refuse is kept across restarts
 *                            (one file per meter); null keeps it in memory only
 */
public record CollectorOptions(PlanStrategy strategy, int retries, Duration initialBackoff, Duration maxBackoff,
        Duration interFrameDelay, int healthWindow, Duration healthPublishPeriod, Path learnedPlanDirectory) {

    public CollectorOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(interFrameDelay, "interFrameDelay");
        Objects.requireNonNull(healthPublishPeriod, "healthPublishPeriod");
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries " + retries + " outside 0..10");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff " + initialBackoff + " .. " + maxBackoff
                    + ": need 0 < initial <= max");
        }
        if (healthWindow < 1) {
            throw new IllegalArgumentException("healthWindow " + healthWindow + " < 1");
        }
        if (healthPublishPeriod.isNegative() || healthPublishPeriod.isZero()) {
            throw new IllegalArgumentException("healthPublishPeriod must be positive, was " + healthPublishPeriod);
        }
    }

    /**
     * {@code max_insert(10)}, 1 retry, backoff 1 s doubling to 60 s, no extra inter-frame delay, 100 requests,
     * health points every 10 s (they are stored like readings: five per meter each second would outweigh
     * most meters' own points in the historian; {@code GET /api/devices} is live anyway).
     */
    public static CollectorOptions defaults() {
        return new CollectorOptions(PlanStrategy.DEFAULT, 1, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ZERO, 100, Duration.ofSeconds(10), null);
    }

    /** Options that keep learned plans in memory only (the constructor before learned plans). */
    public CollectorOptions(PlanStrategy strategy, int retries, Duration initialBackoff, Duration maxBackoff,
            Duration interFrameDelay, int healthWindow, Duration healthPublishPeriod) {
        this(strategy, retries, initialBackoff, maxBackoff, interFrameDelay, healthWindow, healthPublishPeriod, null);
    }

    /**
     * These options with a connection's own on top: a field the connection leaves null keeps ours.
     * A backoff start given alone that is longer than our cap raises the cap to it; a cap given alone
     * that is shorter than our start lowers the start to it. A probe interval stands for a fixed
     * rest: backoff start and cap both set to it.
     *
     * @throws IllegalArgumentException for a strategy that is not {@code none}, {@code shrink} or
     *                                  {@code max_insert(n)}, or retries outside 0..10
     */
    public CollectorOptions forConnection(PollingOptions own) {
        if (own == null || own.isDefault()) {
            return this;
        }
        return new CollectorOptions(own.strategy() == null ? strategy : PlanStrategy.parse(own.strategy()),
                own.retries() == null ? retries : own.retries(), own.initialBackoffOr(initialBackoff),
                own.maxBackoffOr(maxBackoff),
                own.interFrameDelay() == null ? interFrameDelay : own.interFrameDelay(), healthWindow,
                healthPublishPeriod, learnedPlanDirectory);
    }

    public CollectorOptions withStrategy(PlanStrategy s) {
        return new CollectorOptions(s, retries, initialBackoff, maxBackoff, interFrameDelay, healthWindow,
                healthPublishPeriod, learnedPlanDirectory);
    }

    public CollectorOptions withRetries(int r) {
        return new CollectorOptions(strategy, r, initialBackoff, maxBackoff, interFrameDelay, healthWindow,
                healthPublishPeriod, learnedPlanDirectory);
    }

    public CollectorOptions withBackoff(Duration initial, Duration max) {
        return new CollectorOptions(strategy, retries, initial, max, interFrameDelay, healthWindow,
                healthPublishPeriod, learnedPlanDirectory);
    }

    public CollectorOptions withInterFrameDelay(Duration d) {
        return new CollectorOptions(strategy, retries, initialBackoff, maxBackoff, d, healthWindow,
                healthPublishPeriod, learnedPlanDirectory);
    }

    public CollectorOptions withHealthPublishPeriod(Duration d) {
        return new CollectorOptions(strategy, retries, initialBackoff, maxBackoff, interFrameDelay, healthWindow, d,
                learnedPlanDirectory);
    }

    /** Keeps what devices were found to refuse under {@code directory} (null: in memory only). */
    public CollectorOptions withLearnedPlanDirectory(Path directory) {
        return new CollectorOptions(strategy, retries, initialBackoff, maxBackoff, interFrameDelay, healthWindow,
                healthPublishPeriod, directory);
    }
}
