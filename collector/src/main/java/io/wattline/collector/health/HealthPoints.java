package io.wattline.collector.health;

import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.PointCatalogue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Publishes every device's health as points under its meter id, whatever its protocol, so stores,
 * dashboards and the north-bound server see it like any reading; the names are the point
 * catalogue's {@link PointCatalogue#HEALTH_POINTS}, where a profile may not use the {@link #PREFIX}.
 */
public final class HealthPoints implements Runnable {

    /** Reserved point-name prefix for communication health. */
    public static final String PREFIX = PointCatalogue.HEALTH_PREFIX;
    /** 1 when the device answers (ONLINE or DEGRADED), 0 when OFFLINE or DISABLED. */
    public static final String ONLINE = "comm_online";
    /** {@link DeviceState#code()}: 0 ONLINE, 1 DEGRADED, 2 OFFLINE, 3 DISABLED. */
    public static final String STATE = "comm_state";
    /** Answered ÷ sent over the recent window, 0..1. */
    public static final String SUCCESS_RATIO = "comm_success_ratio";
    /** Mean request-to-answer time of the recent answers, in ms. */
    public static final String LATENCY_MS = "comm_latency_ms";
    /** 95th percentile of the same, in ms. */
    public static final String LATENCY_P95_MS = "comm_latency_p95_ms";
    /** Every health point name, in the catalogue's order (the constants above are among them). */
    public static final List<String> NAMES = List.copyOf(PointCatalogue.HEALTH_POINTS.keySet());

    private final SampleBus bus;
    private final Supplier<List<DeviceHealth>> devices;
    private final Clock clock;

    /** @param devices the current health of every device to publish (a collector's {@code health()}) */
    public HealthPoints(SampleBus bus, Supplier<List<DeviceHealth>> devices, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Publishes one sample per health point of every device, stamped now. */
    @Override
    public void run() {
        Instant now = clock.instant();
        for (DeviceHealth h : devices.get()) {
            String meter = h.meterId();
            boolean answers = h.state() == DeviceState.ONLINE || h.state() == DeviceState.DEGRADED;
            bus.publish(Sample.good(new PointId(meter, ONLINE), now, answers ? 1 : 0));
            bus.publish(Sample.good(new PointId(meter, STATE), now, h.state().code()));
            bus.publish(figure(meter, SUCCESS_RATIO, now, h.successRatio(), "no request yet"));
            bus.publish(figure(meter, LATENCY_MS, now, h.latencyMeanMs(), "no answer yet"));
            bus.publish(figure(meter, LATENCY_P95_MS, now, h.latencyP95Ms(), "no answer yet"));
        }
    }

    private static Sample figure(String meter, String name, Instant now, Double value, String whyNone) {
        PointId id = new PointId(meter, name);
        return value != null ? Sample.good(id, now, value) : Sample.bad(id, now, whyNone);
    }
}
