package io.wattline.web.alarms;

import io.wattline.alarms.AlarmEngine;
import io.wattline.alarms.output.BeaconOutput;
import io.wattline.collector.live.SampleBus;
import io.wattline.core.device.OutputSwitch;
import io.wattline.notify.NotificationService;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm engine as the application runs it: fed by the sample bus and every collector's device
 * health, telling notification (when the plant configures rosters) and the sound-and-light outputs.
 * Closing stops notification first (no more replies), then the engine, then the outputs.
 *
 * @param notification empty when the plant notifies nobody
 */
public record RunningAlarms(AlarmEngine engine, SampleBus bus, Optional<NotificationService> notification,
        List<BeaconOutput> beacons, List<OutputSwitch> switches) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningAlarms.class);

    @Override
    public void close() {
        bus.removeListener(engine);
        notification.ifPresent(n -> {
            try {
                n.close();
            } catch (IOException e) {
                LOG.warn("notification did not close cleanly: {}", e.toString());
            }
        });
        engine.close();
        switches.forEach(OutputSwitch::close);
    }
}
