package io.wattline.web;

import io.wattline.core.device.DeviceCollector;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts every {@link DeviceCollector} once the web server serves (issue 12, fast start): the
 * pages and the API come up first and show the devices connecting; connections, certificates
 * and subscriptions are made on a background thread, never before the first HTTP answer.
 */
@Component
public class DeviceStartup {

    private static final Logger log = LoggerFactory.getLogger(DeviceStartup.class);

    private final List<DeviceCollector> collectors;

    public DeviceStartup(List<DeviceCollector> collectors) {
        this.collectors = collectors;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startCollectors() {
        Thread t = new Thread(() -> collectors.forEach(c -> {
            try {
                c.start();
            } catch (RuntimeException e) {
                log.error("the {} collector did not start: {}", c.protocol(), e.getMessage(), e);
            }
        }), "device-startup");
        t.setDaemon(true);
        t.start();
    }
}
