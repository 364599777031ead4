package io.wattline.analytics.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.TariffBand;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Month;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TariffFileLoaderTest {

    private static final String VALID = """
            id: test
            name: Test
            region: Nowhere
            currency: CNY
            effective_from: 2026-01-01
            sources: [{ title: "made up for a test", verified: nothing }]
            prices: { per_band: { peak: 1.0, flat: 0.6, valley: 0.3 } }
            seasons:
              - name: all
                months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
                periods:
                  - { start: "22:00", end: "06:00", band: valley }
                  - { start: "06:00", end: "18:00", band: flat }
                  - { start: "18:00", end: "22:00", band: peak }
            """;

    private static TouTariff parse(String yaml) {
        return TariffFileLoader.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bundledTariffsLoadWithTheirSources() {
        for (String id : TariffFileLoader.BUNDLED) {
            TouTariff tariff = TariffFileLoader.bundled(id);
            assertEquals(id, tariff.id());
            assertTrue(tariff.pricesIllustrative(), id + " prices are not from an official notice");
            assertTrue(!tariff.sources().isEmpty());
            assertTrue(tariff.demandChargePerKwMonth().isPresent());
        }
        TouTariff guangdong = TariffFileLoader.bundled("guangdong-2021");
        // ratios 1.7 : 1 : 0.38 and critical peak 25 % over peak, on a flat price of 0.65
        assertEquals(1.7 * 0.65, guangdong.price(TariffBand.PEAK), 1e-12);
        assertEquals(0.38 * 0.65, guangdong.price(TariffBand.VALLEY), 1e-12);
        assertEquals(1.25 * guangdong.price(TariffBand.PEAK), guangdong.price(TariffBand.CRITICAL_PEAK), 1e-12);
        assertEquals("critical-peak-months", guangdong.seasonOn(LocalDate.of(2026, Month.SEPTEMBER, 30)).name());
        assertEquals("other-months", guangdong.seasonOn(LocalDate.of(2026, Month.OCTOBER, 1)).name());
    }

    @Test
    void aValidFileWithAPeriodCrossingMidnightLoads() {
        TouTariff tariff = parse(VALID);
        assertEquals(0.3, tariff.price(TariffBand.VALLEY));
        assertTrue(tariff.pricesIllustrative(), "illustrative unless the file says otherwise");
    }

    @Test
    void dayOverridesApplyAnotherSeasonsPattern() {
        TouTariff tariff = parse(VALID.replace("seasons:\n", "day_overrides: [{ date: 2026-06-12, season: all }]\nseasons:\n"));
        assertEquals("all", tariff.seasonOn(LocalDate.of(2026, 6, 12)).name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // replace                        | with                          | message contains
            "band: peak                       | band: peek                    | seasons[0].periods[2].band: expected one of",
            "end: \"18:00\", band: flat       | end: \"17:00\", band: flat    | periods leave a gap at 17:00",
            "end: \"18:00\", band: flat       | end: \"19:00\", band: flat    | periods overlap at 18:00",
            "10, 11, 12]                      | 10, 11]                       | months without a season: [DECEMBER]",
            "valley: 0.3                      | valley: -0.3                  | prices.per_band.valley: expected a positive number",
            "start: \"06:00\"                 | start: \"6h\"                 | seasons[0].periods[1].start: expected a time",
            "effective_from: 2026-01-01       | effective_from: soon          | effective_from: expected a date",
            "peak: 1.0,                       | ''                            | band PEAK has no price",
            "region: Nowhere                  | region: Nowhere\\nvoltage: 10kV | test.yaml: voltage: Unrecognized property \"voltage\"",
            "name: Test                       | name: [Test                   | test.yaml:3",
            "months: [1,                      | months: [x1,                  | test.yaml: seasons[0].months[0]",
    })
    void errorsNameTheFileAndTheField(String replace, String with, String expected) {
        String broken = VALID.replace(replace.trim(), with.replace("\\n", "\n").replace("''", ""));
        assertTrue(!broken.equals(VALID), "the test replaced nothing: " + replace);
        TariffFileException e = assertThrows(TariffFileException.class, () -> parse(broken));
        assertTrue(e.getMessage().startsWith("test.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
