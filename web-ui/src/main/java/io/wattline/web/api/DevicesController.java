package io.wattline.web.api;

import io.wattline.collector.health.CommHistory;
import io.wattline.core.device.DeviceCollector;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.web.RunningPlant;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Communication health of every device, whatever its protocol: state, success ratio, latency,
 * last errors, what it refuses, the diagnostics a collector keeps (OPC UA: recent errors, points not
 * read, certificates); and {@code POST /api/devices/{id}/probe} to ask a device now.
 */
@RestController
@RequestMapping("/api/devices")
public class DevicesController {

    /** How long a probe request waits for the device's answer before saying it was queued. */
    static final Duration PROBE_WAIT = Duration.ofSeconds(30);

    private final List<DeviceCollector> collectors;
    private final Map<String, Meter> meters;
    private final Map<String, Connection> connections;
    private final CommHistory history;

    /** With a history of its own, kept from now on (tests that bind the controller alone). */
    public DevicesController(List<DeviceCollector> collectors, RunningPlant running) {
        this(collectors, running, DeviceHistoryWiring.following(collectors, new CommHistory(Clock.systemUTC())));
    }

    /**
     * @param collectors every collector the application runs, in the order their devices are listed
     * @param history    the devices' communication history, told by every collector
     */
    @Autowired
    public DevicesController(List<DeviceCollector> collectors, RunningPlant running, CommHistory history) {
        this.collectors = List.copyOf(collectors);
        this.history = history;
        Plant plant = running.plant();
        this.meters = plant.meters().stream().collect(Collectors.toMap(Meter::id, Function.identity()));
        this.connections = plant.connections().stream()
                .collect(Collectors.toMap(Connection::id, Function.identity()));
    }

    @GetMapping
    public List<DeviceView> devices() {
        return collectors.stream().flatMap(c -> c.health().stream().map(h -> view(c, h))).toList();
    }

    /** One device's entry, as in the list; 404 for an unknown device. */
    @GetMapping("/{id}")
    public ResponseEntity<Object> device(@PathVariable String id) {
        for (DeviceCollector c : collectors) {
            Optional<DeviceHealth> h = c.health(id);
            if (h.isPresent()) {
                return ResponseEntity.ok(view(c, h.get()));
            }
        }
        return notFound(id);
    }

    /**
     * The device's communication history since start: state changes and errors, newest first, at
     * most {@link CommHistory#capacity()} entries; 404 for an unknown device.
     */
    @GetMapping("/{id}/history")
    public ResponseEntity<Object> history(@PathVariable String id) {
        if (collectors.stream().noneMatch(c -> c.devices().contains(id))) {
            return notFound(id);
        }
        return ResponseEntity.ok(new DeviceHistoryView(id, history.capacity(), history.of(id)));
    }

    private static ResponseEntity<Object> notFound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(ApiError.PROBLEM_JSON)
                .body(new ApiError(404, "not_found", "no device '" + id + "'; GET /api/devices lists them (没有该设备)",
                        "id", "a configured device id", id));
    }

    /**
     * Asks a device now: an OFFLINE device's rest ends and it is probed at once, any other is polled
     * at once. Answers its health after that attempt (202 with the current health when the device
     * has not been reached within {@link #PROBE_WAIT}). {@code forget=true} also forgets what it was
     * learned to refuse, so every point is asked again. Needs the engineer role once users exist.
     */
    @PostMapping("/{id}/probe")
    public Mono<ResponseEntity<Object>> probe(@PathVariable String id,
            @RequestParam(defaultValue = "false") boolean forget) {
        Optional<DeviceCollector> serving = collectors.stream().filter(c -> c.devices().contains(id)).findFirst();
        if (serving.isEmpty()) {
            return Mono.just(notFound(id));
        }
        DeviceCollector collector = serving.get();
        Optional<CompletableFuture<DeviceHealth>> probe = collector.probe(id, forget);
        if (probe.isEmpty()) {
            return Mono.just(ResponseEntity.status(HttpStatus.CONFLICT).contentType(ApiError.PROBLEM_JSON)
                    .body(new ApiError(409, "conflict",
                    "the " + collector.protocol() + " collector cannot probe device '" + id + "' on demand", null,
                    null, null)));
        }
        return Mono.fromFuture(probe.get()).timeout(PROBE_WAIT)
                .map(h -> ResponseEntity.ok().<Object>body(view(collector, h)))
                .onErrorResume(TimeoutException.class, e -> Mono.just(ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(view(collector, collector.health(id).orElseThrow()))));
    }

    private DeviceView view(DeviceCollector collector, DeviceHealth h) {
        Meter m = meters.get(h.meterId());
        Connection c = connections.get(h.connectionId());
        return new DeviceView(h.meterId(), m == null ? h.meterId() : m.name(), m == null ? null : m.profile(),
                h.connectionId(), c == null ? null : c.type().configName(), h.unitId(), h.state().name(),
                figure(h.successRatio()), figure(h.latencyMeanMs()), figure(h.latencyP95Ms()), h.lastError(),
                h.lastErrorTime(), h.lastGoodTime(), h.consecutiveFailures(), h.nextProbeTime(), h.requests(),
                h.failures(), h.refusedPoints(), h.recentErrors(), collector.learnedPlan(h.meterId()).orElse(null),
                collector.diagnostics(h.meterId()).orElse(null));
    }

    /** JSON has no NaN: a figure not known (or not a number) is null, as docs/api.md promises. */
    private static Double figure(Double value) {
        return value == null ? null : PointView.finiteOrNull(value);
    }
}
