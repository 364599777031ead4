package io.wattline.web.opcua;

import io.wattline.collector.Collector;
import io.wattline.collector.live.PointInfo;
import io.wattline.collector.live.SampleBus;
import io.wattline.collector.opcua.OpcUaCollector;
import io.wattline.web.HistorianFeed;
import io.wattline.web.PointDirectory;
import io.wattline.web.RunningPlant;
import io.wattline.web.WattlineProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OPC UA in the application: the client for meters on {@code opc-ua} connections (always; idle
 * without such meters) and, when {@code wattline.opcua.server.enabled=true}, the north-bound server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpcUaServerProperties.class)
public class OpcUaWiring {

    /** Depends on the historian feed, so it stops before the feed and the store, like the Modbus collector. */
    @Bean
    public OpcUaCollector opcUaCollector(RunningPlant plant, SampleBus bus, Clock clock, WattlineProperties properties,
            HistorianFeed feed) {
        OpcUaCollector collector = new OpcUaCollector(plant.plant(), bus, clock, properties.dataDir());
        collector.start();
        return collector;
    }

    /** Modbus points first, then OPC UA ones, each in plant order. */
    @Bean
    public PointDirectory pointDirectory(Collector collector, OpcUaCollector opcUaCollector) {
        List<PointInfo> points = new ArrayList<>(collector.points());
        points.addAll(opcUaCollector.points());
        return new PointDirectory(points);
    }

    @Bean
    @ConditionalOnProperty(prefix = "wattline.opcua.server", name = "enabled", havingValue = "true")
    public NorthboundServer northboundServer(RunningPlant plant, PointDirectory directory,
            SampleBus bus, WattlineProperties properties, OpcUaServerProperties server) {
        List<PointInfo> points = directory.points();
        String host = server.hostname() == null || server.hostname().isBlank() ? localHostName() : server.hostname();
        NorthboundOptions options = new NorthboundOptions(server.bindAddress(), host, server.port(), server.users(),
                server.anonymousAllowed(), server.trustAllClients(), properties.dataDir());
        return new NorthboundServer(ExposedPoints.of(plant.plant(), points), bus, options).start();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
