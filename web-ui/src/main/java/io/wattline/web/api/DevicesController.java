package io.wattline.web.api;

import io.wattline.core.device.DeviceCollector;
import io.wattline.core.device.DeviceDiagnostics;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.web.RunningPlant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Communication health of every device, whatever its protocol: state, success ratio, latency,
 * last error, last good time, and the diagnostics a collector keeps (recent errors, points not
 * read, certificates).
 */
@RestController
@RequestMapping("/api/devices")
public class DevicesController {

    private final List<DeviceCollector> collectors;
    private final Map<String, Meter> meters;
    private final Map<String, Connection> connections;

    /** @param collectors every collector the application runs, in the order their devices are listed */
    public DevicesController(List<DeviceCollector> collectors, RunningPlant running) {
        this.collectors = List.copyOf(collectors);
        Plant plant = running.plant();
        this.meters = plant.meters().stream().collect(Collectors.toMap(Meter::id, Function.identity()));
        this.connections = plant.connections().stream()
                .collect(Collectors.toMap(Connection::id, Function.identity()));
    }

    @GetMapping
    public List<DeviceView> devices() {
        return collectors.stream()
                .flatMap(c -> c.health().stream().map(h -> view(h, c.diagnostics(h.meterId()).orElse(null))))
                .toList();
    }

    private DeviceView view(DeviceHealth h, DeviceDiagnostics diagnostics) {
        Meter m = meters.get(h.meterId());
        Connection c = connections.get(h.connectionId());
        return new DeviceView(h.meterId(), m == null ? h.meterId() : m.name(), m == null ? null : m.profile(),
                h.connectionId(), c == null ? null : c.type().configName(), h.unitId(), h.state().name(),
                figure(h.successRatio()), figure(h.latencyMeanMs()), figure(h.latencyP95Ms()), h.lastError(),
                h.lastErrorTime(), h.lastGoodTime(), h.consecutiveFailures(), h.nextProbeTime(), h.requests(),
                h.failures(), diagnostics);
    }

    /** JSON has no NaN: a figure not known (or not a number) is null, as docs/api.md promises. */
    private static Double figure(Double value) {
        return value == null ? null : PointView.finiteOrNull(value);
    }
}
