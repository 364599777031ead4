package io.wattline.web.opcua;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.opcua.OpcUaCollector;
import io.wattline.collector.opcua.OpcUaCollectorOptions;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.web.HistorianFeed;
import io.wattline.web.WattlineProperties;
import io.wattline.web.alarms.RunningAlarms;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import io.wattline.web.security.UsersFile;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.wattline.web.fleet.FleetProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * OPC UA in the application: the client for meters on {@code opc-ua} connections (always; idle
 * without such meters) and, when {@code wattline.opcua.server.enabled=true}, the north-bound server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpcUaServerProperties.class)
public class OpcUaWiring {

    /**
     * One of the application's {@code DeviceCollector}s (listed after the Modbus one). Depends on the
     * historian feed, so it stops before the feed and the store, like the Modbus collector.
     */
    @Bean
    @Order(2)
    @ConditionalOnExpression(FleetProperties.COLLECTS)
    public OpcUaCollector opcUaCollector(PointCatalogue catalogue, ProfileLibrary profiles, SampleBus bus, Clock clock,
            WattlineProperties properties, HistorianFeed feed) {
        // started by DeviceStartup once the web server serves
        return new OpcUaCollector(catalogue, profiles::findOpcUa, bus, clock, properties.dataDir(),
                OpcUaCollectorOptions.defaults());
    }

    /**
     * Publishes every catalogued point, health points included, whatever protocol reads it, and the
     * alarms; built and started by {@code DeviceStartup} once the web server serves.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "wattline.opcua.server", name = "enabled", havingValue = "true")
    public NorthboundStartup northboundServer(PointCatalogue catalogue, SampleBus bus, WattlineProperties properties,
            OpcUaServerProperties server, ObjectProvider<RunningAlarms> alarms, UsersFile users) {
        String host = server.hostname() == null || server.hostname().isBlank() ? localHostName() : server.hostname();
        // the application's users sign in (any role reads, nobody writes); anonymous only when configured,
        // or on the demo (loopback) unless it says otherwise
        boolean anonymous = server.allowAnonymous() != null ? server.allowAnonymous() : properties.demo();
        NorthboundOptions options = new NorthboundOptions(server.bindAddress(), host, server.port(), server.users(),
                anonymous, server.trustAllClients(), properties.dataDir(), (name, password) -> users.find(name)
                        .map(u -> UsersFile.encoder().matches(password, u.passwordHash())).orElse(false));
        RunningAlarms published = alarms.getIfAvailable();
        return new NorthboundStartup(() -> {
            NorthboundServer northbound = new NorthboundServer(ExposedPoints.of(catalogue), bus, options);
            return published == null ? northbound : northbound.withAlarms(published.engine());
        });
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
