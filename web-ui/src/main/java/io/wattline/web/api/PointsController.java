package io.wattline.web.api;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.fleet.central.FleetView;
import io.wattline.historian.Historian;
import io.wattline.historian.SeriesReader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Latest values from the live cache and raw history from the historian, for every point of the
 * catalogue: the profiles' points of every device whatever its protocol, and its health points.
 */
@RestController
@RequestMapping("/api/points")
public class PointsController {

    private final PointCatalogue catalogue;
    private final SampleBus bus;
    private final SeriesReader history;
    private final Clock clock;
    private final FleetView fleet;

    public PointsController(PointCatalogue catalogue, SampleBus bus, Historian historian, Clock clock) {
        this(catalogue, bus, historian, clock, (FleetView) null);
    }

    /** On a central node ({@code --role central}) the latest values are every site's, from the broker. */
    @Autowired
    public PointsController(PointCatalogue catalogue, SampleBus bus, Historian historian, Clock clock,
            ObjectProvider<FleetView> fleet) {
        this(catalogue, bus, historian, clock, fleet.getIfAvailable());
    }

    private PointsController(PointCatalogue catalogue, SampleBus bus, Historian historian, Clock clock,
            FleetView fleet) {
        this.catalogue = catalogue;
        this.bus = bus;
        this.history = historian.reader();
        this.clock = clock;
        this.fleet = fleet;
    }

    /**
     * Every configured point in plant order, with its latest sample (nulls when none yet); on a
     * central node every point of every site of the group, by site.
     */
    @GetMapping("/latest")
    public List<PointView> latest() {
        if (fleet != null) {
            return fleet.points().stream().map(PointView::of).toList();
        }
        Map<PointId, Sample> latest = bus.latest();
        return catalogue.all().stream().map(p -> PointView.of(p, latest.get(p.id()))).toList();
    }

    /** Stored samples of one point, {@code from <= time < to}, earliest first. */
    @GetMapping("/{id}/samples")
    public Mono<SampleSeries> samples(@PathVariable("id") String id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit) {
        CataloguedPoint point = find(id);
        SampleQuery query = SampleQuery.parse(from, to, limit, clock.instant());
        // DuckDB reads block: keep them off the event loop.
        return Mono.fromCallable(() -> history.range(point.id(), query.from(), query.to(), query.limit()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(samples -> SampleSeries.of(point.id().toString(), point.unit(), query.from(), query.to(),
                        query.limit(), samples));
    }

    /**
     * One point's series from the rollups for a chart: {@code resolution=auto} (default) takes the
     * coarsest rollup that still draws a curve ({@link SeriesQuery}), so a month reads 1 h buckets.
     */
    @GetMapping("/{id}/series")
    public Mono<PointSeries> series(@PathVariable("id") String id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "resolution", required = false) String resolution) {
        CataloguedPoint point = find(id);
        SeriesQuery query = SeriesQuery.parse(from, to, resolution, clock.instant());
        return Mono.fromCallable(() -> query.resolution() == null
                        ? history.series(point.id(), query.from(), query.to(), SeriesQuery.AUTO_MIN_BUCKETS)
                        : history.series(List.of(point.id()), query.from(), query.to(), query.resolution())
                                .getOrDefault(point.id(), List.of()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(buckets -> PointSeries.of(point.id().toString(), point.unit(), query, buckets));
    }

    private CataloguedPoint find(String id) {
        return catalogue.all().stream().filter(p -> p.id().toString().equals(id)).findFirst()
                .orElseThrow(() -> new UnknownPointException(id));
    }
}
