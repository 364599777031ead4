package io.wattline.web.accounting;

import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.importing.CounterJudge;
import io.wattline.analytics.importing.LiveGlitchWatch;
import io.wattline.analytics.importing.ReadingImporter;
import io.wattline.collector.live.SampleBus;
import io.wattline.analytics.kpi.LineKpis;
import io.wattline.analytics.kpi.ProductionLog;
import io.wattline.analytics.service.AccountingService;
import io.wattline.analytics.service.SharedReports;
import io.wattline.config.ConfigException;
import io.wattline.config.PointCatalogues;
import io.wattline.config.TariffFileLoader;
import io.wattline.core.audit.AuditTrail;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TouTariff;
import io.wattline.historian.Historian;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.web.InvalidPlantConfigurationException;
import io.wattline.web.RunningPlant;
import io.wattline.web.WattlineProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import io.wattline.web.fleet.FleetProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires energy accounting from the point catalogue (each meter's counter and wrap span, whatever
 * protocol reads it), the historian reader, the tariff ({@code wattline.accounting.tariff}: a
 * bundled id such as {@code guangdong-2021}, a tariff file, or empty for the plant configuration's
 * own) and the conversion factors ({@code wattline.accounting.water-as-working-medium}); the virtual
 * meters and declared meter resets and replacements come from the plant configuration.
 */
@Configuration
public class AccountingWiring {

    @Bean
    public AccountingService accountingService(PointCatalogue catalogue, Historian historian,
            @Value("${wattline.accounting.tariff:}") String tariffSetting,
            @Value("${wattline.accounting.water-as-working-medium:false}") boolean waterAsWorkingMedium) {
        return create(catalogue, historian, tariffSetting, waterAsWorkingMedium);
    }

    /**
     * Identical consumption requests share one computation; closed periods are kept until the data
     * under them changes, today's for {@code wattline.reports.open-freshness} (default 5 s).
     */
    @Bean
    public SharedReports sharedReports(AccountingService accounting, Historian historian, Clock clock,
            @Value("${wattline.reports.open-freshness:5s}") java.time.Duration openFreshness,
            @Value("${wattline.reports.cache-entries:" + SharedReports.DEFAULT_MAX_ENTRIES + "}") int maxEntries) {
        return new SharedReports(accounting::report, historian.changes(), clock, openFreshness, maxEntries);
    }

    @Bean
    public ReadingImporter readingImporter(PointCatalogue catalogue, Historian historian, Clock clock,
            ObjectProvider<AuditTrail> audit) {
        // without an audit trail (the security module brings the durable one) replacements are refused
        return new ReadingImporter(catalogue::quantityOf, catalogue.plant().plausible(),
                CounterJudge.of(catalogue), historian.readings(),
                historian.writer(), audit.getIfAvailable(), catalogue.plant().zone(), clock);
    }

    /**
     * Marks collected counter readings BAD once the readings after them show them to be glitches (issue 14);
     * stopped before the store.
     */
    @Bean(destroyMethod = "close")
    public LiveGlitchWatch liveGlitchWatch(PointCatalogue catalogue, Historian historian, SampleBus bus, Clock clock) {
        LiveGlitchWatch watch = new LiveGlitchWatch(catalogue.accountingCounters().stream().map(CataloguedPoint::id)
                .collect(java.util.stream.Collectors.toSet()), CounterJudge.of(catalogue), historian.readings(), clock);
        bus.addListener(watch);
        return watch;
    }

    @Bean
    public ProductionLog productionLog(WattlineProperties properties, RunningPlant plant) {
        return new ProductionLog(properties.dataDir().resolve(ProductionLog.FILE_NAME), plant.plant().zone());
    }

    @Bean
    public LineKpis lineKpis(PointCatalogue catalogue, Historian historian, AccountingService accounting,
            ProductionLog log) {
        return new LineKpis(catalogue, accounting, historian.reader(), log);
    }

    /**
     * A node that collects answers for its own plant: its sites, and the site tag it forwards to
     * InfluxDB under ({@code wattline.historian.influx.site}), the site a central knows it by.
     */
    @Bean
    @ConditionalOnExpression(FleetProperties.COLLECTS)
    public LocalSiteAnalytics localSiteAnalytics(SharedReports reports, LineKpis kpis, PointCatalogue catalogue,
            @Value("${wattline.historian.influx.site:}") String influxSite, FleetProperties fleet,
            ObjectProvider<io.wattline.core.fleet.FleetGroup> group) {
        java.util.List<String> sites = new java.util.ArrayList<>();
        catalogue.plant().sites().forEach(s -> sites.add(s.id()));
        io.wattline.web.fleet.FleetWiring.edgeSite(fleet, group.getIfAvailable(), catalogue.plant())
                .filter(s -> !sites.contains(s)).ifPresent(sites::add);
        if (!influxSite.isBlank() && !sites.contains(influxSite)) {
            sites.add(influxSite);
        }
        return new LocalSiteAnalytics(reports, kpis, catalogue.plant(), sites);
    }

    /** The service without Spring (the import command and tests use the same wiring). */
    public static AccountingService create(PointCatalogue catalogue, Historian historian, String tariffSetting,
            boolean waterAsWorkingMedium) {
        EnergyFactors factors = EnergyFactors.gbt2589Defaults();
        if (waterAsWorkingMedium) {
            factors = factors.withWaterAsWorkingMedium();
        }
        return AccountingService.of(catalogue, historian.reader(), tariff(catalogue.plant(), tariffSetting), factors);
    }

    /** The same for a plant of the shipped profiles (Modbus and OPC UA). */
    public static AccountingService create(Plant plant, ProfileCatalog catalog, Historian historian,
            String tariffSetting, boolean waterAsWorkingMedium) {
        return create(PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find), historian,
                tariffSetting, waterAsWorkingMedium);
    }

    /** The setting (bundled id or file) wins over the plant's own tariff; none at all means no cost figures. */
    public static TouTariff tariff(Plant plant, String setting) {
        if (setting == null || setting.isBlank()) {
            // a plant without a tariff section is reported without cost, not refused
            return plant.tariff().orElse(null);
        }
        try {
            return TariffFileLoader.fromSetting(setting);
        } catch (ConfigException e) {
            throw new InvalidPlantConfigurationException("wattline.accounting.tariff=" + setting, e);
        }
    }
}
