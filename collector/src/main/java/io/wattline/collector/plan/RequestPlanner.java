package io.wattline.collector.plan;

import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the points of one device that are due now into reads, by a named {@link PlanStrategy}:
 * points of one function are joined when they touch, or (with {@code max_insert(n)}) when the
 * registers between them are few and lie inside a range the profile declares readable, always
 * within the device's quirks. A pure function; it never changes an encoding.
 */
public final class RequestPlanner {

    /** Modbus limit on bits in one read of coils or discrete inputs (function codes 1 and 2). */
    public static final int MODBUS_MAX_BITS = 2000;

    private RequestPlanner() {
    }

    /**
     * Plans reads for {@code points} (all of one device described by {@code profile}). Requests
     * come ordered by function, then address. A point longer than the request limit is still read
     * alone (it cannot be split). When {@code evenRegisterCount} is set, an odd read is padded by
     * one register only where a readable range allows it; otherwise it stays odd rather than
     * touching an undeclared register.
     */
    public static List<ReadRequest> plan(List<PointDefinition> points, DeviceProfile profile) {
        return plan(points, profile, PlanStrategy.DEFAULT);
    }

    /**
     * Plans reads for {@code points} with {@code strategy}; see {@link #plan(List, DeviceProfile)}.
     * The profile's {@code oneRequestPerPoint} quirk overrides any strategy.
     */
    public static List<ReadRequest> plan(List<PointDefinition> points, DeviceProfile profile, PlanStrategy strategy) {
        Quirks quirks = profile.quirks() == null ? Quirks.none() : profile.quirks();
        Map<RegisterFunction, List<PointDefinition>> byFunction = new EnumMap<>(RegisterFunction.class);
        for (PointDefinition p : points) {
            byFunction.computeIfAbsent(p.function(), f -> new ArrayList<>()).add(p);
        }
        List<ReadRequest> requests = new ArrayList<>();
        for (Map.Entry<RegisterFunction, List<PointDefinition>> e : byFunction.entrySet()) {
            List<PointDefinition> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingInt(PointDefinition::address)
                    .thenComparingInt(PointDefinition::end));
            planFunction(e.getKey(), sorted, profile.readable(), quirks, strategy, requests);
        }
        return List.copyOf(requests);
    }

    private static void planFunction(RegisterFunction function, List<PointDefinition> sorted,
            List<RegisterRange> readable, Quirks quirks, PlanStrategy strategy, List<ReadRequest> out) {
        boolean even = quirks.evenRegisterCount() && !function.isBit();
        int max = maxPerRequest(function, quirks);
        List<PointDefinition> current = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (PointDefinition p : sorted) {
            if (!current.isEmpty() && !quirks.oneRequestPerPoint() && strategy.joins()
                    && canJoin(function, start, end, p, readable, max, strategy.maxGap())) {
                current.add(p);
                end = Math.max(end, p.end());
                continue;
            }
            if (!current.isEmpty()) {
                out.add(finish(function, start, end, current, readable, even, max));
            }
            current = new ArrayList<>();
            current.add(p);
            start = p.address();
            end = p.end();
        }
        if (!current.isEmpty()) {
            out.add(finish(function, start, end, current, readable, even, max));
        }
    }

    private static int maxPerRequest(RegisterFunction function, Quirks quirks) {
        if (function.isBit()) {
            return MODBUS_MAX_BITS;
        }
        int max = Math.max(1, Math.min(quirks.maxRegistersPerRequest(), Quirks.MODBUS_MAX_REGISTERS));
        // An odd limit could never be reached by an even read: the even limit below it is the real one.
        return quirks.evenRegisterCount() && max > 1 ? max & ~1 : max;
    }

    private static boolean canJoin(RegisterFunction function, int start, int end, PointDefinition p,
            List<RegisterRange> readable, int max, int maxGap) {
        int newEnd = Math.max(end, p.end());
        if (newEnd - start > max || p.address() - end > maxGap) {
            return false;
        }
        // Registers of declared points are readable by definition; only the gap needs a range.
        return p.address() <= end || isReadable(function, end, p.address(), readable);
    }

    private static boolean isReadable(RegisterFunction function, int from, int to, List<RegisterRange> readable) {
        for (RegisterRange r : readable) {
            if (r.contains(function, from, to)) {
                return true;
            }
        }
        return false;
    }

    private static ReadRequest finish(RegisterFunction function, int start, int end,
            List<PointDefinition> points, List<RegisterRange> readable, boolean even, int max) {
        int count = end - start;
        if (even && count % 2 == 1 && count + 1 <= max) {
            if (isReadable(function, end, end + 1, readable)) {
                count++;
            } else if (start > 0 && isReadable(function, start - 1, start, readable)) {
                start--;
                count++;
            }
        }
        return new ReadRequest(function, start, count, points);
    }
}
