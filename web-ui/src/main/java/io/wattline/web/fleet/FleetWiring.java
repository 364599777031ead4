package io.wattline.web.fleet;

import io.wattline.alarms.AlarmEvent;
import io.wattline.collector.live.SampleBus;
import io.wattline.config.ConfigException;
import io.wattline.config.GroupFileLoader;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.fleet.FleetGroup;
import io.wattline.fleet.MqttLink;
import io.wattline.fleet.central.CentralHost;
import io.wattline.fleet.central.FleetView;
import io.wattline.fleet.edge.AlarmMetric;
import io.wattline.fleet.edge.BacklogSource;
import io.wattline.fleet.edge.Deadband;
import io.wattline.fleet.edge.EdgePublisher;
import io.wattline.fleet.edge.SparkplugEdgeNode;
import io.wattline.fleet.mqtt.PahoMqttLink;
import io.wattline.historian.Historian;
import io.wattline.historian.SeriesReader;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.web.InvalidPlantConfigurationException;
import io.wattline.web.WattlineProperties;
import io.wattline.web.accounting.AccountingWiring;
import org.springframework.beans.factory.annotation.Value;
import io.wattline.web.alarms.RunningAlarms;
import io.wattline.web.historian.HistorianProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The edge and central roles (issue 17, ADR 0012). {@code edge}: everything a single plant does,
 * and its samples and alarms published as a Sparkplug B edge node. {@code central}: no collector;
 * the live values of every site of the group from the broker. {@code all}: none of this.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FleetProperties.class)
public class FleetWiring {

    private static final Logger log = LoggerFactory.getLogger(FleetWiring.class);
    /** The environment variable with the MQTT password (never a file, never logged). */
    public static final String PASSWORD_VARIABLE = "WATTLINE_MQTT_PASSWORD";

    @Bean
    @ConditionalOnExpression("'${wattline.fleet.role:all}' != 'all'")
    public FleetGroup fleetGroup(FleetProperties properties) {
        if (!List.of("edge", "central").contains(properties.role())) {
            throw new IllegalStateException("wattline.fleet.role must be all, edge or central, was '"
                    + properties.role() + "'");
        }
        if (properties.group() == null) {
            throw new IllegalStateException("--role " + properties.role() + " needs --group FILE (docs/fleet.md)");
        }
        try {
            return GroupFileLoader.load(properties.group());
        } catch (ConfigException e) {
            throw new InvalidPlantConfigurationException(properties.group().toString(), e);
        }
    }

    @Bean
    @ConditionalOnProperty(prefix = "wattline.fleet", name = "role", havingValue = "edge")
    public EdgePublisher edgePublisher(FleetGroup group, FleetProperties properties, PointCatalogue catalogue,
            SampleBus bus, Historian historian, Clock clock, ObjectProvider<RunningAlarms> alarms, Environment env,
            List<io.wattline.core.device.DeviceCollector> collectors, io.wattline.config.ProfileLibrary profiles) {
        String node = edgeNode(group, properties, catalogue);
        FleetGroup.Site site = group.siteOfEdge(node).orElseThrow(() -> new IllegalStateException(
                "the group file " + properties.group() + " names no edge '" + node + "' under any site"));
        List<String> ruleIds = catalogue.plant().alarms().rules().stream().map(r -> r.basics().id()).toList();
        SparkplugEdgeNode edge = new SparkplugEdgeNode(group.group(), node, site.id(), catalogue.all(), ruleIds,
                Deadband.of(group.deadbands(), profileDeadbands(catalogue, profiles)), clock);
        EdgePublisher publisher = new EdgePublisher(edge, link(group, node, env), backlog(historian.reader()), clock,
                Duration.ofMillis(500), Duration.ofSeconds(5));
        bus.addListener(publisher);
        alarms.ifAvailable(a -> a.engine().addListener(e -> publisher.onAlarm(alarmMetric(e))));
        // a meter that stops answering gets its DDEATH; its next GOOD reading its DBIRTH
        collectors.forEach(c -> c.addHealthListener(h -> {
            if (h.state() == io.wattline.core.device.DeviceState.OFFLINE && !h.notYetAsked()) {
                publisher.onDeviceOffline(h.meterId());
            }
        }));
        publisher.start();
        log.info("edge role: node '{}' of site '{}' publishes {} points to {} (group '{}')", node, site.id(),
                catalogue.all().size(), group.broker(), group.group());
        return publisher;
    }

    @Bean
    @ConditionalOnProperty(prefix = "wattline.fleet", name = "role", havingValue = "central")
    public FleetView fleetView() {
        return new FleetView();
    }

    @Bean
    @ConditionalOnProperty(prefix = "wattline.fleet", name = "role", havingValue = "central")
    public CentralHost centralHost(FleetGroup group, FleetProperties properties, FleetView view, Clock clock,
            Environment env) {
        String node = properties.node() != null ? properties.node()
                : group.centrals().isEmpty() ? "central" : group.centrals().get(0);
        if (!group.centrals().isEmpty() && !group.centrals().contains(node)) {
            throw new IllegalStateException("the group file " + properties.group() + " names no central '" + node
                    + "' (centrals: " + group.centrals() + ")");
        }
        CentralHost host = new CentralHost(node, List.of(group.group()), link(group, node, env), view, clock,
                Duration.ofSeconds(5));
        host.start();
        log.info("central role: '{}' reads group '{}' from {}", node, group.group(), group.broker());
        return host;
    }

    @Bean
    @ConditionalOnProperty(prefix = "wattline.fleet", name = "role", havingValue = "central")
    public SiteHistory siteHistory(HistorianProperties historian, io.wattline.web.WattlineProperties properties) {
        HistorianProperties.Influx influx = historian.influx();
        return new SiteHistory(influx == null || !influx.configured() ? influx
                : influx.resolved(io.wattline.core.secrets.Secrets.of(properties.dataDir())));
    }

    /**
     * Accounting, KPIs and reports of every site, from InfluxDB, each with its plant model: the
     * site's plant file from the group file, or the plant configuration this central runs.
     */
    @Bean
    @ConditionalOnProperty(prefix = "wattline.fleet", name = "role", havingValue = "central")
    public CentralSiteAnalytics centralSiteAnalytics(FleetGroup group, FleetProperties fleet, PointCatalogue catalogue,
            SiteHistory history, WattlineProperties properties, Clock clock, io.wattline.reports.delivery.ReportAudit audit,
            @Value("${wattline.accounting.tariff:}") String tariffSetting,
            @Value("${wattline.accounting.water-as-working-medium:false}") boolean waterAsWorkingMedium) {
        EnergyFactors factors = EnergyFactors.gbt2589Defaults();
        if (waterAsWorkingMedium) {
            factors = factors.withWaterAsWorkingMedium();
        }
        SitePlants plants = SitePlants.load(group, fleet.group(), catalogue, properties.config(),
                AccountingWiring.tariff(catalogue.plant(), tariffSetting), properties.profiles());
        return new CentralSiteAnalytics(group, plants, history, factors, properties.dataDir(), clock, audit);
    }

    /**
     * The scheduled reports of every site (started with the other background work once the server
     * serves, unless {@code wattline.reports.scheduler.enabled=false}: one central of several owns them).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "wattline.fleet", name = "role", havingValue = "central")
    public SiteReportSchedulers siteReportSchedulers(CentralSiteAnalytics sites, Clock clock) {
        return new SiteReportSchedulers(sites, clock);
    }

    /**
     * Each point's report-by-exception deadband from its meter's profile: a Modbus profile's
     * {@code deadbands:} for the point's quantity, an OPC UA profile point's absolute
     * {@code deadband} (the one its monitored item already filters with).
     */
    static Map<io.wattline.core.PointId, Double> profileDeadbands(PointCatalogue catalogue,
            io.wattline.config.ProfileLibrary profiles) {
        Map<io.wattline.core.PointId, Double> bands = new java.util.HashMap<>();
        for (io.wattline.core.catalogue.CataloguedPoint p : catalogue.all()) {
            if (p.quantity().isCounter()) {
                continue;
            }
            catalogue.plant().meter(p.meterId()).map(io.wattline.core.plant.Meter::profile).ifPresent(id -> {
                profiles.findModbus(id).map(m -> m.deadbands().get(p.quantity())).ifPresent(b -> bands.put(p.id(), b));
                profiles.findOpcUa(id).flatMap(o -> o.point(p.id().point()))
                        .map(io.wattline.profiles.opcua.OpcUaPoint::deadband)
                        .filter(d -> d.type() == io.wattline.profiles.opcua.Deadband.Type.ABSOLUTE && d.value() > 0)
                        .ifPresent(d -> bands.put(p.id(), d.value()));
            });
        }
        return bands;
    }

    private static String edgeNode(FleetGroup group, FleetProperties properties, PointCatalogue catalogue) {
        return edgeNode(group, properties, catalogue.plant());
    }

    /** This edge's node id: {@code --node}, or the one edge the group names for the plant's sites. */
    static String edgeNode(FleetGroup group, FleetProperties properties, io.wattline.core.plant.Plant plant) {
        if (properties.node() != null && !properties.node().isBlank()) {
            return properties.node();
        }
        List<String> candidates = new ArrayList<>();
        plant.sites().forEach(s -> group.site(s.id()).ifPresent(gs -> candidates.addAll(gs.edges())));
        if (candidates.size() != 1) {
            throw new IllegalStateException("--role edge needs --node ID: the group file names " + candidates.size()
                    + " edges for this plant's sites " + candidates);
        }
        return candidates.get(0);
    }

    /**
     * On an edge, the site the group file gives this edge node: the InfluxDB {@code site} tag it
     * forwards under, so a central finds its history by the group's site id. Empty on other roles.
     */
    public static java.util.Optional<String> edgeSite(FleetProperties properties, FleetGroup group,
            io.wattline.core.plant.Plant plant) {
        if (!"edge".equals(properties.role()) || group == null) {
            return java.util.Optional.empty();
        }
        String node = edgeNode(group, properties, plant);
        return group.siteOfEdge(node).map(FleetGroup.Site::id);
    }

    private static MqttLink link(FleetGroup group, String clientId, Environment env) {
        String password = env.getProperty(PASSWORD_VARIABLE);
        return new PahoMqttLink(group.broker(), clientId, group.username(),
                password == null ? null : password.toCharArray(), group.keepAlive());
    }

    /** The outage's samples from the local store, every point in [from, to). */
    static BacklogSource backlog(SeriesReader reader) {
        return (points, from, to) -> {
            List<io.wattline.core.Sample> out = new ArrayList<>();
            reader.rangeEach(points, from, to, (p, samples) -> out.addAll(samples));
            return out;
        };
    }

    /** An alarm change as the edge publishes it: state name and priority 1 (critical) .. 4 (low). */
    static AlarmMetric alarmMetric(AlarmEvent e) {
        return new AlarmMetric(e.ruleId(), e.to().name(), e.priority().ordinal() + 1, e.time());
    }
}
