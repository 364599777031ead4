package io.wattline.web.api;

import io.wattline.collector.health.CommHistory;
import io.wattline.core.device.DeviceCollector;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The devices' communication history ({@code GET /api/devices/{id}/history}): one
 * {@link CommHistory} told by every collector, subscribed before the collectors start so that the
 * first connection is in it.
 */
@Configuration(proxyBeanMethods = false)
public class DeviceHistoryWiring {

    @Bean
    public CommHistory commHistory(List<DeviceCollector> collectors, Clock clock) {
        return following(collectors, new CommHistory(clock));
    }

    /** Subscribes {@code history} to every collector's health and returns it. */
    static CommHistory following(List<DeviceCollector> collectors, CommHistory history) {
        collectors.forEach(c -> c.addHealthListener(history));
        return history;
    }
}
