package io.wattline.alarms.rule;

import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.plant.Meter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Demand forecast (需量预警): the running demand block of a meter (15 minutes, aligned to the plant's
 * local clock), projected to its end from the block's own counter readings, exceeds a share of the
 * contracted maximum demand. At a reading at time t in the block [s, s + T):
 * <pre>
 *   E(t) = C(t) − C(s)                     energy counted in the block so far (kWh)
 *   r    = (C(t) − C(t − w)) / w           the counter's rate over the last w ("trend", 1 min) (kW)
 *   P̂    = (E(t) + r · (s + T − t)) / T    the block's demand if the rate holds to its end (kW)
 * </pre>
 * C is the unwrapped counter, linearly interpolated between readings (ARCHITECTURE.md decision 9);
 * before the first reading of a block whose start has no reading before it (just after a start),
 * C(s) is extrapolated back from the first reading at rate r. Power is never integrated.
 */
public final class DemandForecastRule implements AlarmRule {

    /** One reading of the unwrapped counter. */
    record Reading(Instant time, double kwh) {
    }

    private final AlarmDefinition definition;
    private final CataloguedPoint counter;
    private final Duration block;
    private final Duration trend;
    private final ZoneId zone;
    private final Deque<Reading> readings = new ArrayDeque<>();
    private double lastRaw = Double.NaN;
    private double offset;

    public DemandForecastRule(AlarmRuleSettings.DemandForecast settings, RuleContext context) {
        String ruleId = settings.basics().id();
        Meter meter = context.meter(ruleId, settings.meter());
        this.counter = context.catalogue().accountingCounter(meter.id()).orElseThrow(() ->
                new IllegalArgumentException("alarm rule " + ruleId + ": meter " + meter.id()
                        + " has no energy counter to forecast demand from"));
        this.block = settings.block();
        this.trend = settings.trend();
        this.zone = context.zone();
        this.definition = RuleContext.definition(settings.basics(), "demand", meter.id(), "",
                context.lineOfMeter(meter.id()), null, settings.contractedKw() * settings.share(), "kW", false,
                context.meterNames(settings.basics(), meter));
    }

    @Override
    public List<AlarmDefinition> definitions() {
        return List.of(definition);
    }

    @Override
    public void onSample(Sample sample, List<Observation> out) {
        if (!sample.point().equals(counter.id()) || !sample.isGood()) {
            return;
        }
        if (!add(sample.time(), sample.value())) {
            return;
        }
        Double projected = projection(sample.time());
        if (projected != null) {
            out.add(new Observation(definition.key(), projected > definition.limit(), projected, sample.time()));
        }
    }

    /** Adds a raw reading, unwrapping the counter; false when it is not newer than the last. */
    boolean add(Instant time, double raw) {
        if (!readings.isEmpty() && !time.isAfter(readings.peekLast().time())) {
            return false;
        }
        if (!Double.isNaN(lastRaw) && raw < lastRaw) {
            double span = counter.wrapSpan();
            if (span > 0 && raw + span - lastRaw < span / 2) {
                offset += span;
            } else {
                readings.clear(); // a reset: the old readings say nothing about the new register
                offset = 0;
            }
        }
        lastRaw = raw;
        readings.addLast(new Reading(time, raw + offset));
        prune(time);
        return true;
    }

    /** The projected demand of the block that contains {@code t}, or null without enough readings. */
    Double projection(Instant t) {
        if (readings.size() < 2) {
            return null;
        }
        Instant start = blockStart(t);
        Instant end = start.plus(block);
        Reading last = readings.peekLast();
        Instant trendFrom = last.time().minus(trend);
        Reading first = readings.peekFirst();
        if (trendFrom.isBefore(first.time())) {
            trendFrom = first.time();
        }
        double trendHours = Duration.between(trendFrom, last.time()).toNanos() / 3600e9;
        if (trendHours <= 0) {
            return null;
        }
        double rateKw = (last.kwh() - valueAt(trendFrom)) / trendHours;
        double atStart = first.time().isAfter(start)
                ? first.kwh() - rateKw * Duration.between(start, first.time()).toNanos() / 3600e9
                : valueAt(start);
        double soFar = last.kwh() - atStart;
        double remainingHours = Duration.between(last.time(), end).toNanos() / 3600e9;
        double blockHours = block.toNanos() / 3600e9;
        return (soFar + rateKw * Math.max(0, remainingHours)) / blockHours;
    }

    /** C(t) by linear interpolation between the readings around t (held flat outside them). */
    private double valueAt(Instant t) {
        Reading before = null;
        for (Reading r : readings) {
            if (!r.time().isAfter(t)) {
                before = r;
                continue;
            }
            if (before == null) {
                return r.kwh();
            }
            double span = Duration.between(before.time(), r.time()).toNanos();
            double part = Duration.between(before.time(), t).toNanos();
            return before.kwh() + (r.kwh() - before.kwh()) * part / span;
        }
        return before == null ? Double.NaN : before.kwh();
    }

    /** The start of the demand block that contains {@code t}, on the plant's local clock. */
    Instant blockStart(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime midnight = local.truncatedTo(ChronoUnit.DAYS);
        long blockSeconds = block.toSeconds();
        long since = Duration.between(midnight, local).toSeconds();
        return midnight.plusSeconds(since - since % blockSeconds).toInstant();
    }

    /** Keeps what the projection needs: the block so far, the trend span, and one reading before each. */
    private void prune(Instant now) {
        Instant keepFrom = blockStart(now);
        Instant trendFrom = now.minus(trend);
        if (trendFrom.isBefore(keepFrom)) {
            keepFrom = trendFrom;
        }
        Iterator<Reading> it = readings.iterator();
        List<Reading> older = new ArrayList<>();
        while (it.hasNext()) {
            Reading r = it.next();
            if (r.time().isBefore(keepFrom)) {
                older.add(r);
            }
        }
        for (int i = 0; i < older.size() - 1; i++) {
            readings.removeFirst();
        }
    }
}
