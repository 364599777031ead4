package io.wattline.web.api;

import io.wattline.collector.Collector;
import io.wattline.core.device.DeviceHealth;
import io.wattline.collector.opcua.OpcUaCollector;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.web.RunningPlant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Communication health of every polled device: state, success ratio, latency, last error, last good time. */
@RestController
@RequestMapping("/api/devices")
public class DevicesController {

    private final Collector collector;
    private final OpcUaCollector opcUaCollector;
    private final Map<String, Meter> meters;
    private final Map<String, Connection> connections;

    public DevicesController(Collector collector, RunningPlant running) {
        this(collector, running, null);
    }

    /** @param opcUaCollector devices on opc-ua connections; null when there is none */
    @Autowired
    public DevicesController(Collector collector, RunningPlant running, OpcUaCollector opcUaCollector) {
        this.collector = collector;
        this.opcUaCollector = opcUaCollector;
        Plant plant = running.plant();
        this.meters = plant.meters().stream().collect(Collectors.toMap(Meter::id, Function.identity()));
        this.connections = plant.connections().stream()
                .collect(Collectors.toMap(Connection::id, Function.identity()));
    }

    @GetMapping
    public List<DeviceView> devices() {
        List<DeviceHealth> all = new ArrayList<>(collector.health());
        if (opcUaCollector != null) {
            all.addAll(opcUaCollector.health());
        }
        return all.stream().map(this::view).toList();
    }

    private DeviceView view(DeviceHealth h) {
        Meter m = meters.get(h.meterId());
        Connection c = connections.get(h.connectionId());
        return new DeviceView(h.meterId(), m == null ? h.meterId() : m.name(), m == null ? null : m.profile(),
                h.connectionId(), c == null ? null : c.type().configName(), h.unitId(), h.state().name(),
                h.successRatio(), h.latencyMeanMs(), h.latencyP95Ms(), h.lastError(), h.lastErrorTime(),
                h.lastGoodTime(), h.consecutiveFailures(), h.nextProbeTime(), h.requests(), h.failures());
    }
}
