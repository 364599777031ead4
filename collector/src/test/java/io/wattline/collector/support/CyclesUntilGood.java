package io.wattline.collector.support;

import io.wattline.core.Sample;
import io.wattline.core.live.SampleListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts a device's samples per point (one per poll cycle) until every point of a set has been GOOD,
 * and keeps those counts: how many cycles it took, without looking at a clock.
 */
public final class CyclesUntilGood implements SampleListener {

    private final String device;
    private final Set<String> points;
    private final Map<String, Integer> samples = new ConcurrentHashMap<>();
    private final Set<String> good = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Map<String, Integer>> whenAllGood = new AtomicReference<>();

    /** @param points the points that must all be GOOD (health points are never counted) */
    public CyclesUntilGood(String device, Set<String> points) {
        this.device = device;
        this.points = Set.copyOf(points);
    }

    @Override
    public void onSample(Sample s) {
        if (!s.point().device().equals(device) || s.point().point().startsWith("comm_")) {
            return;
        }
        samples.merge(s.point().point(), 1, Integer::sum);
        if (s.isGood()) {
            good.add(s.point().point());
        }
        if (good.containsAll(points)) {
            whenAllGood.compareAndSet(null, Map.copyOf(samples));
        }
    }

    public boolean allGood() {
        return whenAllGood.get() != null;
    }

    /** Samples each point had when the last of them turned GOOD (its cycle count then). */
    public Map<String, Integer> cycles() {
        return whenAllGood.get();
    }
}
