package io.wattline.web;

import io.wattline.collector.CollectorOptions;
import io.wattline.collector.ModbusCollector;
import io.wattline.collector.live.SampleBus;
import io.wattline.config.ConfigException;
import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.plant.Plant;
import io.wattline.core.fleet.FleetGroup;
import io.wattline.core.secrets.Secrets;
import io.wattline.historian.Historian;
import io.wattline.web.fleet.FleetProperties;
import io.wattline.web.fleet.FleetWiring;
import org.springframework.beans.factory.ObjectProvider;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.influx.InfluxOptions;
import io.wattline.web.historian.HistorianProperties;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.DemoScenario;
import io.wattline.simulator.LoadModels;
import io.wattline.simulator.PlantSimulator;
import io.wattline.simulator.SimulatorOptions;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import io.wattline.web.fleet.FleetProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Builds the running system from the plain-Java modules: profiles, plant, (demo) simulator,
 * historian, live bus and collector. Bean dependencies encode the shutdown order Spring follows
 * in reverse: the collector stops first, then the historian feed, then the store, bus and simulator.
 */
@Configuration(proxyBeanMethods = false)
public class PlantWiring {

    private static final Logger log = LoggerFactory.getLogger(PlantWiring.class);

    /** Where the demo plant's configuration lives on the classpath (simulator module). */
    static final String DEMO_PLANT_RESOURCE = "demo/plant.yaml";
    /** Folder under the data directory where the Modbus collector keeps what devices refuse. */
    static final String LEARNED_PLANS_FOLDER = "learned-plans";

    /**
     * Every profile the plant may name: the shipped ones, the folders given with {@code --profiles}
     * and those the plant file names ({@code profiles:}), read now (no rebuild). A broken folder
     * profile stops the start with every error located, like a broken plant file; what the folders
     * add and which shipped profiles they replace is logged.
     */
    @Bean
    public ProfileLibrary profileLibrary(WattlineProperties properties) {
        ProfileLibrary library;
        try {
            library = properties.demo() || properties.config() == null ? ProfileLibrary.load(properties.profiles())
                    : ProfileLibrary.forPlant(properties.config(), properties.profiles());
        } catch (ConfigException e) {
            String where = properties.config() == null ? "profile folders " + properties.profiles()
                    : properties.config().toString();
            throw new InvalidPlantConfigurationException(where, e);
        }
        library.notes().forEach(log::info);
        return library;
    }

    /** The Modbus profiles (shipped and the folders'), for everything that reads register maps. */
    @Bean
    public ProfileCatalog profileCatalog(ProfileLibrary library) {
        return library.modbus();
    }

    /**
     * The system clock; in a demo scenario ({@code wattline.scenario}) one that starts at the
     * scenario's plant-local time (the simulator, the collectors and the alarms all run on it).
     */
    @Bean
    public Clock clock(WattlineProperties properties, ProfileCatalog catalog,
            @Value("${wattline.scenario:}") String scenario) {
        if (!properties.demo() || scenario.isBlank()) {
            return Clock.systemUTC();
        }
        DemoScenario s = DemoScenario.load(scenario);
        Clock clock = s.clock(loadDemo(new PlantConfigLoader(catalog::find)).zone(), Clock.systemUTC());
        log.info("demo scenario {}: {}; the plant's clock starts at {}", s.name(), s.description(), s.startAt());
        return clock;
    }

    /** Loads the plant; an invalid configuration throws here with every error, so nothing starts. */
    @Bean
    public RunningPlant runningPlant(WattlineProperties properties, ProfileLibrary library, Clock clock,
            @Value("${wattline.scenario:}") String scenario, @Value("${wattline.fleet.role:all}") String role) {
        ProfileCatalog catalog = library.modbus();
        PlantConfigLoader loader = library.plantLoader();
        if (properties.demo() && role.equals("central")) {
            // a central node collects nothing: the demo plant only describes what it shows
            return new RunningPlant(loadDemo(loader), null);
        }
        if (properties.demo()) {
            Plant demo = loadDemo(loader);
            SimulatorOptions options = SimulatorOptions.ephemeral().withClock(clock);
            if (!scenario.isBlank()) {
                options = options.withLoadModels(DemoScenario.load(scenario)
                        .applyTo(LoadModels.fromResource(LoadModels.DEMO_RESOURCE)));
            }
            // The line PLC (its RSA key: seconds of CPU) starts once the pages are served, released by
            // DeviceStartup before the collectors connect (issue 12, fast start).
            PlantSimulator simulator = PlantSimulator.startHoldingLinePlcs(demo, catalog, options);
            log.info("demo plant '{}' simulated in-process", demo.name());
            return new RunningPlant(simulator.plant(), simulator);
        }
        if (properties.config() == null) {
            throw new IllegalStateException("no plant configuration: set wattline.config"
                    + " (./wattline run --config FILE) or run the demo (./wattline demo)");
        }
        Plant plant;
        try {
            plant = loader.load(properties.config());
        } catch (ConfigException e) {
            throw new InvalidPlantConfigurationException(properties.config().toString(), e);
        }
        log.info("plant '{}' loaded from {}", plant.name(), properties.config());
        return new RunningPlant(plant, null);
    }

    private static Plant loadDemo(PlantConfigLoader loader) {
        try {
            return loader.loadResource(DEMO_PLANT_RESOURCE);
        } catch (ConfigException e) {
            // The demo configuration ships in the jar and is tested: this is a build defect.
            throw new InvalidPlantConfigurationException("built-in " + DEMO_PLANT_RESOURCE, e);
        }
    }

    /**
     * The local store with its rollups and raw retention, the same code path in the demo and in
     * production; with {@code wattline.historian.influx.url} set, its forwarder ships every
     * committed sample to InfluxDB.
     */
    @Bean
    public Historian historian(WattlineProperties properties, HistorianProperties historian, RunningPlant plant,
            FleetProperties fleet, ObjectProvider<FleetGroup> group) {
        HistorianOptions options = HistorianOptions.defaults().withRawRetention(historian.rawRetention())
                .withMinFreeBytes(historian.minFreeBytes())
                .withDuckDb(historian.memoryLimit().toBytes(), historian.threads());
        HistorianProperties.Influx influx = historian.influx() == null || !historian.influx().configured()
                ? historian.influx() : historian.influx().resolved(Secrets.of(properties.dataDir()));
        Optional<String> edgeSite = FleetWiring.edgeSite(fleet, group.getIfAvailable(), plant.plant());
        return Historian.open(properties.dataDir(), options, influxOptions(influx, plant.plant(), edgeSite));
    }

    static Optional<InfluxOptions> influxOptions(HistorianProperties.Influx influx, Plant plant) {
        return influxOptions(influx, plant, Optional.empty());
    }

    /**
     * The forwarder's options. The {@code site} tag: {@code wattline.historian.influx.site}; on an edge
     * the group file's site of this edge ({@code edgeSite}), which a set one must equal; else the
     * plant's first site.
     */
    static Optional<InfluxOptions> influxOptions(HistorianProperties.Influx influx, Plant plant,
            Optional<String> edgeSite) {
        if (influx == null || !influx.configured()) {
            return Optional.empty();
        }
        boolean set = influx.site() != null && !influx.site().isBlank();
        if (set && edgeSite.isPresent() && !edgeSite.get().equals(influx.site())) {
            throw new IllegalStateException("wattline.historian.influx.site is '" + influx.site()
                    + "' but the group file puts this edge under site '" + edgeSite.get() + "': a central node"
                    + " would not find this edge's history; remove the setting or make them equal"
                    + " (InfluxDB 站点标签与群组文件中本边缘节点的站点不一致)");
        }
        String site = set ? influx.site() : edgeSite.isPresent() ? edgeSite.get()
                : plant.sites().isEmpty() ? "site" : plant.sites().get(0).id();
        InfluxOptions options = new InfluxOptions(influx.url(), influx.database(), influx.retentionPolicy(),
                influx.username(), influx.password(), influx.token(), influx.measurement(), site,
                influx.systemOfRecord());
        log.info("historian forwards to InfluxDB {}", options.describe());
        return Optional.of(options);
    }

    /** What every configured point is, whatever its protocol (ADR 0006): every consumer reads this. */
    @Bean
    public PointCatalogue pointCatalogue(RunningPlant plant, ProfileLibrary library) {
        return PointCatalogues.build(plant.plant(), library::findModbus, library::findOpcUa);
    }

    @Bean
    public SampleBus sampleBus() {
        return new SampleBus();
    }

    /** Subscribed before the collector starts, so the first samples are stored too. */
    @Bean
    public HistorianFeed historianFeed(SampleBus bus, Historian historian) {
        return new HistorianFeed(bus, historian.writer());
    }

    /**
     * One of the application's {@code DeviceCollector}s (the OPC UA one is in {@code OpcUaWiring});
     * consumers take them all as a {@code List<DeviceCollector>} and never ask which protocol one
     * speaks. Started by {@link DeviceStartup} once the web server serves; depends on the feed so that
     * it is stopped before the feed and the store.
     */
    @Bean
    @Order(1)
    @ConditionalOnExpression(FleetProperties.COLLECTS)
    public ModbusCollector modbusCollector(PointCatalogue catalogue, ProfileCatalog catalog, SampleBus bus,
            Clock clock, HistorianFeed feed, WattlineProperties properties) {
        // What devices refuse is learned once and kept with the data, so a restart does not learn it again.
        CollectorOptions options = CollectorOptions.defaults()
                .withLearnedPlanDirectory(properties.dataDir().resolve(LEARNED_PLANS_FOLDER));
        return new ModbusCollector(catalogue, catalog::require, bus, clock, options);
    }
}
