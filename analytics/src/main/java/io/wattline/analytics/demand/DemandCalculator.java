package io.wattline.analytics.demand;

import io.wattline.analytics.consumption.Consumption;
import io.wattline.analytics.consumption.UnwrappedCounter;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Demand from an energy counter in kWh (never from integrated power): the energy of each block,
 * C(block end) − C(block start), times blocks per hour. Blocks are aligned to the plant's local
 * clock (15-minute blocks start at :00, :15, :30, :45).
 */
public final class DemandCalculator {

    /** The block of China's demand charge (and most utilities'). */
    public static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

    private final ZoneId zone;
    private final Duration block;

    public DemandCalculator(ZoneId zone, Duration block) {
        if (block.isZero() || block.isNegative() || Duration.ofDays(1).toNanos() % block.toNanos() != 0) {
            throw new IllegalArgumentException("demand block must divide a day evenly, was " + block);
        }
        this.zone = zone;
        this.block = block;
    }

    public DemandCalculator(ZoneId zone) {
        this(zone, FIFTEEN_MINUTES);
    }

    /** Every aligned block lying wholly inside [from, to). */
    public List<BlockDemand> blocks(UnwrappedCounter counterKwh, Instant from, Instant to) {
        List<BlockDemand> blocks = new ArrayList<>();
        for (Instant start = firstAlignedAtOrAfter(from); !start.plus(block).isAfter(to); start = start.plus(block)) {
            blocks.add(demand(counterKwh, start, start.plus(block)));
        }
        return blocks;
    }

    /**
     * Sliding demand: windows one block long ending every {@code step} (which must divide the
     * block), for utilities that bill the maximum of a sliding window.
     */
    public List<BlockDemand> sliding(UnwrappedCounter counterKwh, Instant from, Instant to, Duration step) {
        if (step.isZero() || step.isNegative() || block.toNanos() % step.toNanos() != 0) {
            throw new IllegalArgumentException("sliding step must divide the block " + block + ", was " + step);
        }
        List<BlockDemand> windows = new ArrayList<>();
        for (Instant start = firstAlignedAtOrAfter(from, step); !start.plus(block).isAfter(to);
                start = start.plus(step)) {
            windows.add(demand(counterKwh, start, start.plus(block)));
        }
        return windows;
    }

    /** The month's maximum block demand, or empty when the month holds no whole block. */
    public Optional<PeakDemand> monthMaximum(UnwrappedCounter counterKwh, YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return maximum(blocks(counterKwh, from, to)).map(b -> new PeakDemand(month, b));
    }

    /** The largest demand of {@code blocks}, the earliest of equal ones. */
    public static Optional<BlockDemand> maximum(List<BlockDemand> blocks) {
        BlockDemand best = null;
        for (BlockDemand b : blocks) {
            if (best == null || b.kw() > best.kw()) {
                best = b;
            }
        }
        return Optional.ofNullable(best);
    }

    private BlockDemand demand(UnwrappedCounter counterKwh, Instant start, Instant end) {
        Consumption energy = counterKwh.consumption(start, end);
        double hours = Duration.between(start, end).toNanos() / 3.6e12;
        return new BlockDemand(start, end, energy.value() / hours, energy.flags());
    }

    private Instant firstAlignedAtOrAfter(Instant time) {
        return firstAlignedAtOrAfter(time, block);
    }

    private Instant firstAlignedAtOrAfter(Instant time, Duration grid) {
        Instant midnight = time.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        long steps = Math.floorDiv(Duration.between(midnight, time).toNanos() + grid.toNanos() - 1, grid.toNanos());
        return midnight.plus(grid.multipliedBy(steps));
    }
}
