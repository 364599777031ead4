package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ShiftInstance;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.ProfileCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo plant shipped with the simulator loads with the built-in profiles and means what it says. */
class DemoPlantTest {

    /** The simulator's file itself, not a copy that could drift (tests run in the module folder). */
    static final Path DEMO = Path.of("../simulator/src/main/resources/demo/plant.yaml");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Plant plant;

    @BeforeAll
    static void load() throws ConfigException {
        assertTrue(Files.isRegularFile(DEMO), "demo plant missing at " + DEMO.toAbsolutePath());
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        plant = new PlantConfigLoader(catalog::find, catalog.ids()).load(DEMO);
    }

    /** One figure for the supply contract: the site states 630 kW, the demand alarm and every report use it. */
    @Test
    void theContractedMaximumDemandIsStatedOnceAndUsedEverywhere() throws Exception {
        assertEquals(630.0, plant.contractedDemandKw().orElseThrow());
        plant.alarms().rules().stream().filter(r -> r instanceof io.wattline.core.alarm.AlarmRuleSettings.DemandForecast)
                .map(r -> (io.wattline.core.alarm.AlarmRuleSettings.DemandForecast) r)
                .forEach(r -> assertEquals(630.0, r.contractedKw(), r.basics().id()));
        plant.reports().definitions().forEach(d -> assertEquals(630.0, d.contractedDemandKw(), d.id()));
        String text = Files.readString(DEMO);
        assertEquals(1, text.split("contractedDemandKw:", -1).length - 1, "stated once in the demo plant file");
        assertTrue(!text.contains("contractedKw:"), "the demand alarm states no figure of its own");
    }

    @Test
    void treeConnectionsAndMeters() {
        assertEquals(SHANGHAI, plant.zone());
        assertEquals(List.of("workshop", "utilities"), plant.areas().stream().map(a -> a.id()).toList());
        assertEquals(List.of("line1", "line2"), plant.lines().stream().map(l -> l.id()).toList());
        assertEquals(List.of("gw-main", "gw-utilities", "plc-line1"),
                plant.connections().stream().map(c -> c.id()).toList());
        assertEquals(1503, plant.connection("gw-utilities").orElseThrow().port());
        assertEquals("/line-plc", plant.connection("plc-line1").orElseThrow().opcUa().path());
        assertEquals(13, plant.meters().size());
        // the four electricity sub-meters hang below the main incomer
        assertEquals(List.of("boiler-aux-power", "compressor-power", "line1-power", "line2-power"),
                plant.meters().stream().filter(m -> "main-incomer".equals(m.parentMeterId()))
                        .map(m -> m.id()).sorted().collect(Collectors.toList()));
        assertEquals(Duration.ofSeconds(15), plant.meter("line1-power").orElseThrow().pollGroups().get("slow"));
        assertEquals("utilities", plant.meter("boiler-gas").orElseThrow().areaId());
    }

    @Test
    void tariffBands() {
        TouTariff tariff = plant.tariff().orElseThrow();
        LocalDate day = LocalDate.of(2026, 3, 2);
        assertEquals(TariffBand.VALLEY, tariff.bandAt(day.atTime(3, 0)));
        assertEquals(TariffBand.PEAK, tariff.bandAt(day.atTime(10, 0)));
        assertEquals(TariffBand.FLAT, tariff.bandAt(day.atTime(23, 59)));
        assertEquals(1.02, tariff.price(TariffBand.PEAK));
        // one pattern all year: a July day has no critical peak (unlike the bundled guangdong-2021)
        assertEquals(TariffBand.PEAK, tariff.bandAt(LocalDate.of(2026, 7, 15).atTime(11, 30)));
        assertTrue(tariff.demandChargePerKwMonth().isEmpty());
    }

    /**
     * Crews by hand: the rotation epoch is Monday 2026-01-05, the pattern has 8 rows. 2026-03-01 is
     * 26 (rest of January) + 28 (February) + 1 = 55 days later, row 55 mod 8 = 7 = [B, C, D], so
     * its night shift is crew D. 2026-03-02 is row 0 = [A, B, C]: morning A. The night shift of
     * 03-01 runs until 06:00 on 03-02 and still belongs to production day 03-01.
     */
    @ParameterizedTest(name = "{0} is {1} of {2}, crew {3}")
    @CsvSource(textBlock = """
            2026-03-01T22:00, night,     2026-03-01, D
            2026-03-01T23:30, night,     2026-03-01, D
            2026-03-02T00:00, night,     2026-03-01, D
            2026-03-02T05:59, night,     2026-03-01, D
            2026-03-02T06:00, morning,   2026-03-02, A
            2026-03-02T14:00, afternoon, 2026-03-02, B
            2026-03-01T21:59, afternoon, 2026-03-01, C
            """)
    void shiftsCrossingMidnightBelongToTheDayTheyStart(LocalDateTime local, String shift,
            LocalDate productionDay, String crew) {
        ShiftInstance instance = plant.shiftCalendar().shiftAt(local.atZone(SHANGHAI));
        assertEquals(shift, instance.shift().id());
        assertEquals(productionDay, instance.productionDay());
        assertEquals(crew, instance.crew());
    }

    @Test
    void nightShiftLastsEightHoursAcrossMidnight() {
        ShiftInstance night = plant.shiftCalendar().shiftAt(
                ZonedDateTime.of(2026, 3, 2, 5, 59, 0, 0, SHANGHAI));
        assertEquals(ZonedDateTime.of(2026, 3, 1, 22, 0, 0, 0, SHANGHAI), night.start());
        assertEquals(ZonedDateTime.of(2026, 3, 2, 6, 0, 0, 0, SHANGHAI), night.end());
        assertEquals(Duration.ofHours(8), night.shift().length());
    }
}
