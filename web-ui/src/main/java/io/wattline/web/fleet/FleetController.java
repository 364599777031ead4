package io.wattline.web.fleet;

import io.wattline.core.PointId;
import io.wattline.fleet.central.FleetAlarm;
import io.wattline.fleet.central.FleetNode;
import io.wattline.fleet.central.FleetPoint;
import io.wattline.fleet.central.FleetView;
import io.wattline.web.api.SampleQuery;
import io.wattline.web.api.SampleSeries;
import io.wattline.web.api.UnknownPointException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A central node's view of its group ({@code --role central}): the edge nodes and their state, the
 * alarms every edge publishes, and a site's history from InfluxDB. Live values are
 * {@code /api/points/latest} with each point's site.
 */
@RestController
@RequestMapping("/api/fleet")
@ConditionalOnProperty(prefix = "wattline.fleet", name = "role", havingValue = "central")
public class FleetController {

    private final FleetView view;
    private final SiteHistory history;
    private final Clock clock;

    public FleetController(FleetView view, SiteHistory history, Clock clock) {
        this.view = view;
        this.history = history;
        this.clock = clock;
    }

    /** Every edge node seen: online since its birth, or offline since its death with the reason. */
    @GetMapping("/nodes")
    public List<FleetNode> nodes() {
        return view.nodes();
    }

    /** The alarms every edge publishes as metrics; {@code stale} when their edge is offline. */
    @GetMapping("/alarms")
    public List<FleetAlarm> alarms() {
        return view.alarms();
    }

    /** Stored samples of one point of one site, {@code from <= time < to}, from InfluxDB. */
    @GetMapping("/sites/{site}/points/{id}/samples")
    public Mono<SampleSeries> samples(@PathVariable("site") String site, @PathVariable("id") String id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit) {
        FleetPoint point = view.points().stream().filter(p -> p.site().equals(site) && p.pointId().equals(id))
                .findFirst().orElseThrow(() -> new UnknownPointException(site + "/" + id));
        SampleQuery query = SampleQuery.parse(from, to, limit, clock.instant());
        PointId pointId = new PointId(point.device(), point.metric());
        return Mono.fromCallable(() -> history.range(site, pointId, query.from(), query.to(), query.limit()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(samples -> SampleSeries.of(id, point.unit(), query.from(), query.to(), query.limit(), samples));
    }
}
