package io.wattline.web.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wattline.alarms.AlarmView;
import io.wattline.alarms.Priority;
import io.wattline.core.device.DeviceCollector;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.historian.ForwarderStatus;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianStatus;
import io.wattline.web.alarms.RunningAlarms;
import io.wattline.web.api.PointStreamController;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The figures an operator scrapes from {@code /actuator/prometheus} (issue 12, item 10): per device
 * its state, success ratio and latency; the historian's queue depth and committed/dropped counts
 * (their rate is the write rate); the InfluxDB forwarder's lag; SSE clients; active alarms by
 * priority. Each gauge reads the module's own status when scraped; nothing is computed here.
 */
@Component
public class OperationsMetrics implements MeterBinder {

    private final List<DeviceCollector> collectors;
    private final Historian historian;
    private final PointStreamController stream;
    private final ObjectProvider<RunningAlarms> alarms;
    private volatile HistorianStatus cached;
    private volatile long cachedAt;

    public OperationsMetrics(List<DeviceCollector> collectors, Historian historian, PointStreamController stream,
            ObjectProvider<RunningAlarms> alarms) {
        this.collectors = collectors;
        this.historian = historian;
        this.stream = stream;
        this.alarms = alarms;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (DeviceCollector collector : collectors) {
            for (String device : collector.devices()) {
                device(registry, collector, device, "wattline.device.online", "1 when the device answers",
                        h -> h.state() == DeviceState.ONLINE ? 1 : 0);
                device(registry, collector, device, "wattline.device.success.ratio",
                        "share of requests answered (recent window)", h -> nan(h.successRatio()));
                device(registry, collector, device, "wattline.device.latency.mean.ms", "mean request latency",
                        h -> nan(h.latencyMeanMs()));
            }
        }
        Gauge.builder("wattline.historian.queue.depth", this, m -> m.status().store().queueDepth())
                .description("samples accepted but not yet committed").register(registry);
        FunctionCounter.builder("wattline.historian.committed", this, m -> m.status().store().committed())
                .description("samples committed to the local store since start (rate = write rate)").register(registry);
        FunctionCounter.builder("wattline.historian.dropped", this, m -> m.status().store().dropped())
                .description("samples refused because the queue was full").register(registry);
        Gauge.builder("wattline.forwarder.lag.seconds", this, m -> forwarder(m, ForwarderStatus::lagSeconds))
                .description("age of the oldest committed sample not yet in InfluxDB (NaN without InfluxDB)")
                .register(registry);
        Gauge.builder("wattline.sse.clients", stream, PointStreamController::clients)
                .description("browsers and clients following /api/stream/points").register(registry);
        for (Priority p : Priority.values()) {
            Gauge.builder("wattline.alarms.active", this, m -> m.activeAlarms(p)).tag("priority", p.name())
                    .description("alarms that need attention").register(registry);
        }
    }

    private static void device(MeterRegistry registry, DeviceCollector collector, String device, String name,
            String description, ToDoubleFunction<DeviceHealth> figure) {
        Gauge.builder(name, collector, c -> c.health(device).map(figure::applyAsDouble).orElse(Double.NaN))
                .tag("device", device).tag("protocol", collector.protocol()).description(description)
                .register(registry);
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private double activeAlarms(Priority p) {
        return alarms.stream().findFirst().map(a -> a.engine().alarms().stream()
                .filter(AlarmView::notable).filter(v -> v.priority() == p).count()).orElse(0L);
    }

    private static double forwarder(OperationsMetrics m, Function<ForwarderStatus, Double> figure) {
        return Optional.ofNullable(m.status().forwarder()).map(figure).orElse(Double.NaN);
    }

    /** One status for the gauges of one scrape (it reads the store's counters). */
    private HistorianStatus status() {
        long now = System.nanoTime();
        HistorianStatus s = cached;
        if (s == null || now - cachedAt > 1_000_000_000L) {
            s = historian.status();
            cached = s;
            cachedAt = now;
        }
        return s;
    }
}
