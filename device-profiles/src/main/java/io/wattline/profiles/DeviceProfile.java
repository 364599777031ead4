package io.wattline.profiles;

import io.wattline.core.Quantity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A meter model described as data: loaded from {@code profiles/<vendor>/<model>.yaml} and checked
 * against its recorded frames. Never a Java class per model.
 *
 * @param id         {@code vendor/model}, the name configurations refer to
 * @param readable   address ranges the request planner may read across (gap filling stays inside)
 * @param sources    manuals the register map is taken from ("title, version, url")
 * @param pollGroups default period of each poll group named by the points (e.g. fast = 1 s)
 * @param deadbands  report-by-exception deadband per gauge quantity, absolute in the quantity's
 *                   canonical unit: an edge publishes a new value of that quantity only when it moved
 *                   by more than this since the last one published (a group file's deadband for the
 *                   quantity overrides it; counters always report every change)
 */
public record DeviceProfile(
        String id,
        String vendor,
        String model,
        String description,
        int schemaVersion,
        AddressBase addressBase,
        List<PointDefinition> points,
        List<RegisterRange> readable,
        Quirks quirks,
        List<String> sources,
        Map<String, Duration> pollGroups,
        Optional<Rating> rated,
        Map<Quantity, Double> deadbands) {

    /**
     * What the manual rates the meter for, in its energy or volume counter's unit per hour: the
     * largest power (kW) a direct-connected electricity meter carries (Imax × Un, times 3 for three
     * phases), or the largest flow (m3/h, t/h) of a flow meter of one fixed size. Accounting
     * derives a meter's default plausibility limit from it.
     *
     * @param citation the source id and the page or table that gives the rating
     */
    public record Rating(double maxRatePerHour, String citation) {
        public Rating {
            if (!(maxRatePerHour > 0) || Double.isInfinite(maxRatePerHour)) {
                throw new IllegalArgumentException("a rated maximum must be a finite number > 0, was " + maxRatePerHour);
            }
        }
    }

    public DeviceProfile {
        rated = rated == null ? Optional.empty() : rated;
        deadbands = deadbands == null ? Map.of() : Map.copyOf(deadbands);
        deadbands.forEach((q, v) -> {
            if (q.isCounter() || !(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("deadband of " + q + ": expected a gauge quantity and a finite number"
                        + " >= 0, was " + v);
            }
        });
        points = List.copyOf(points);
        readable = List.copyOf(readable);
        sources = List.copyOf(sources);
        // keep declaration order: "fast" before "slow" reads better in the UI and in errors
        pollGroups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pollGroups));
    }

    /** A profile without deadbands of its own (every change is reported unless the group file says otherwise). */
    public DeviceProfile(String id, String vendor, String model, String description, int schemaVersion,
            AddressBase addressBase, List<PointDefinition> points, List<RegisterRange> readable,
            Quirks quirks, List<String> sources, Map<String, Duration> pollGroups, Optional<Rating> rated) {
        this(id, vendor, model, description, schemaVersion, addressBase, points, readable, quirks, sources,
                pollGroups, rated, Map.of());
    }

    /** A profile without a rating (most: a CT-connected meter's or a flow meter's depends on the installation). */
    public DeviceProfile(String id, String vendor, String model, String description, int schemaVersion,
            AddressBase addressBase, List<PointDefinition> points, List<RegisterRange> readable,
            Quirks quirks, List<String> sources, Map<String, Duration> pollGroups) {
        this(id, vendor, model, description, schemaVersion, addressBase, points, readable, quirks, sources,
                pollGroups, Optional.empty());
    }

    /** The constructor of the first model version, without poll groups (none declared). */
    public DeviceProfile(String id, String vendor, String model, String description, int schemaVersion,
            AddressBase addressBase, List<PointDefinition> points, List<RegisterRange> readable,
            Quirks quirks, List<String> sources) {
        this(id, vendor, model, description, schemaVersion, addressBase, points, readable, quirks,
                sources, Map.of());
    }

    public Optional<PointDefinition> point(String name) {
        return points.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Default period of a poll group, if the profile declares it. */
    public Optional<Duration> pollPeriod(String group) {
        return Optional.ofNullable(pollGroups.get(group));
    }
}
