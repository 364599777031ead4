package io.wattline.profiles;

import java.util.List;
import java.util.Optional;

/**
 * A meter model described as data: loaded from {@code profiles/<vendor>/<model>.yaml} and checked
 * against its recorded frames. Never a Java class per model.
 *
 * @param id        {@code vendor/model}, the name configurations refer to
 * @param readable  address ranges the request planner may read across (gap filling stays inside)
 * @param sources   manuals the register map is taken from
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
        List<String> sources) {

    public DeviceProfile {
        points = List.copyOf(points);
        readable = List.copyOf(readable);
        sources = List.copyOf(sources);
    }

    public Optional<PointDefinition> point(String name) {
        return points.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
