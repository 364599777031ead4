package io.wattline.fleet.edge;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where the edge finds what it collected while the broker was unreachable: the local-first
 * historian (wired in web-ui). Samples of {@code from <= time < to}, in time order.
 */
@FunctionalInterface
public interface BacklogSource {

    List<Sample> samples(Collection<PointId> points, Instant from, Instant to);

    static BacklogSource none() {
        return (points, from, to) -> List.of();
    }
}
