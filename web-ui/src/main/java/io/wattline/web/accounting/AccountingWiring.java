package io.wattline.web.accounting;

import io.wattline.analytics.allocation.DeclaredAccounting;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.importing.ReadingImporter;
import io.wattline.analytics.service.AccountingService;
import io.wattline.config.ConfigException;
import io.wattline.config.TariffFileLoader;
import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TouTariff;
import io.wattline.historian.Historian;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.web.InvalidPlantConfigurationException;
import io.wattline.web.RunningPlant;
import io.wattline.web.WattlineProperties;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires energy accounting: the plant's counters (wrap spans from the profiles), the historian
 * reader, the tariff ({@code wattline.accounting.tariff}: a bundled id such as
 * {@code guangdong-2021}, a tariff file, or empty for the plant configuration's own) and the
 * conversion factors ({@code wattline.accounting.water-as-working-medium}); the virtual meters and
 * declared meter resets and replacements come from the plant configuration.
 */
@Configuration
public class AccountingWiring {

    @Bean
    public AccountingService accountingService(RunningPlant running, ProfileCatalog catalog, Historian historian,
            @Value("${wattline.accounting.tariff:}") String tariffSetting,
            @Value("${wattline.accounting.water-as-working-medium:false}") boolean waterAsWorkingMedium) {
        return create(running.plant(), catalog, historian, tariffSetting, waterAsWorkingMedium);
    }

    @Bean
    public ReadingImporter readingImporter(RunningPlant running, ProfileCatalog catalog, Historian historian,
            Clock clock) {
        Plant plant = running.plant();
        return new ReadingImporter(MeterCounters.quantities(plant, catalog::find), historian.reader(),
                historian.writer(), plant.zone(), clock);
    }

    @Bean
    public ProductionLog productionLog(WattlineProperties properties) {
        return new ProductionLog(properties.dataDir().resolve(ProductionLog.FILE_NAME));
    }

    @Bean
    public LineKpis lineKpis(RunningPlant running, ProfileCatalog catalog, Historian historian,
            AccountingService accounting, ProductionLog log) {
        return new LineKpis(running.plant(), accounting, historian.reader(), log, catalog::find,
                OpcUaProfileLoader.builtIn()::find);
    }

    /** The service without Spring (the import command and tests use the same wiring). */
    public static AccountingService create(Plant plant, ProfileCatalog catalog, Historian historian,
            String tariffSetting, boolean waterAsWorkingMedium) {
        EnergyFactors factors = EnergyFactors.gbt2589Defaults();
        if (waterAsWorkingMedium) {
            factors = factors.withWaterAsWorkingMedium();
        }
        return new AccountingService(plant, MeterCounters.of(plant, catalog::find),
                DeclaredAccounting.virtualMeters(plant), historian.reader(), tariff(plant, tariffSetting), factors,
                DeclaredAccounting.counterEvents(plant), MeterCounters.reactive(plant, catalog::find));
    }

    /** The setting (bundled id or file) wins over the plant's own tariff; none at all means no cost figures. */
    static TouTariff tariff(Plant plant, String setting) {
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
