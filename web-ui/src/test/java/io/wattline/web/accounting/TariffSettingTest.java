package io.wattline.web.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.config.PlantConfigLoader;
import io.wattline.config.TariffFileLoader;
import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TouTariff;
import io.wattline.web.InvalidPlantConfigurationException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wattline.accounting.tariff}: empty means the plant's own tariff (none: no cost figures); a
 * bundled id or a tariff file wins over it; a bad file stops startup with its located errors.
 */
class TariffSettingTest {

    private static Plant demo() throws Exception {
        return PlantConfigLoader.withBuiltInProfiles().loadResource("demo/plant.yaml");
    }

    @Test
    void emptyMeansThePlantsOwnAndNoneMeansNoCost() throws Exception {
        Plant plant = demo();
        assertEquals(plant.tariff().orElseThrow(), AccountingWiring.tariff(plant, ""));
        assertEquals("demo-guangdong-periods", AccountingWiring.tariff(plant, null).id());
        Plant without = new Plant(plant.name(), plant.zone(), plant.sites(), plant.areas(), plant.lines(),
                plant.equipment(), plant.costCentres(), plant.connections(), plant.meters(), plant.shiftCalendar(),
                Optional.empty());
        assertNull(AccountingWiring.tariff(without, " "));
    }

    @Test
    void aBundledIdOrAFileOverridesThePlants(@TempDir Path dir) throws Exception {
        Plant plant = demo();
        assertEquals(TariffFileLoader.bundled("sichuan-2023"), AccountingWiring.tariff(plant, "sichuan-2023"));
        Path file = dir.resolve("guangdong.yaml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("tariffs/guangdong-2021.yaml")) {
            Files.copy(in, file);
        }
        TouTariff fromFile = AccountingWiring.tariff(plant, file.toString());
        assertEquals(TariffFileLoader.bundled("guangdong-2021"), fromFile);
    }

    @Test
    void aBrokenFileStopsStartupWithItsLocatedErrors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ours.yaml"), "id: ours\nseasons: []\n");
        InvalidPlantConfigurationException e = assertThrows(InvalidPlantConfigurationException.class,
                () -> AccountingWiring.tariff(demo(), file.toString()));
        assertEquals(file + ":1:1: name: missing required field 'name'", e.errors().get(0).toString());
        assertEquals(file + ":2:1: seasons: expected at least 1 entries, got 0",
                e.errors().get(e.errors().size() - 1).toString());
    }

    @Test
    void aMissingFileIsReportedNotThrownAsAnIoError() {
        InvalidPlantConfigurationException e = assertThrows(InvalidPlantConfigurationException.class,
                () -> AccountingWiring.tariff(demo(), "no/such/tariff.yaml"));
        assertEquals("no/such/tariff.yaml", e.errors().get(0).file());
    }
}
