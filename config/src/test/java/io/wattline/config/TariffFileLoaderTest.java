package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tariff files: the bundled ones load, and every schema or semantic error is located by line, column and field. */
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

    private static TouTariff parse(String yaml) throws ConfigException {
        return TariffFileLoader.parse("test.yaml", yaml);
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
    void theBundledListIsTheFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/tariffs"))) {
            assertEquals(TariffFileLoader.BUNDLED.stream().sorted().toList(), files.map(f -> f.getFileName().toString())
                    .map(f -> f.replaceFirst("\\.yaml$", "")).sorted().toList());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TariffFileLoader.bundled("guangdong-2012"));
        assertTrue(e.getMessage().contains("bundled: guangdong-2021, sichuan-2023"), e.getMessage());
    }

    @Test
    void aValidFileWithAPeriodCrossingMidnightLoads() throws ConfigException {
        TouTariff tariff = parse(VALID);
        assertEquals(0.3, tariff.price(TariffBand.VALLEY));
        assertTrue(tariff.pricesIllustrative(), "illustrative unless the file says otherwise");
    }

    @Test
    void dayOverridesApplyAnotherSeasonsPattern() throws ConfigException {
        TouTariff tariff = parse(VALID.replace("seasons:\n", "day_overrides: [{ date: 2026-06-12, season: all }]\nseasons:\n"));
        assertEquals("all", tariff.seasonOn(LocalDate.of(2026, 6, 12)).name());
    }

    @Test
    void aFileOnDiskAndTheSettingForm(@TempDir Path dir) throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve("ours.yaml"), VALID);
        assertEquals("test", TariffFileLoader.load(file).id());
        assertEquals("test", TariffFileLoader.fromSetting(file.toString()).id());
        assertEquals("sichuan-2023", TariffFileLoader.fromSetting("sichuan-2023").id());
        assertEquals(List.of(), TariffFileLoader.validate(file));
        assertEquals(List.of(new ValidationError(dir.resolve("none.yaml").toString(), 0, 0, "",
                "cannot read file: java.nio.file.NoSuchFileException: " + dir.resolve("none.yaml"))),
                TariffFileLoader.validate(dir.resolve("none.yaml")));
    }

    /** One change to VALID each; the expected error is exactly one {@code file:line:column: field: message}. */
    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            band: peak                   | band: peek                   | 14:41 | seasons[0].periods[2].band: expected one of: critical_peak, peak, flat, valley, deep_valley, got string "peek"; did you mean 'peak'?
            end: "18:00", band: flat     | end: "17:00", band: flat     | 11:5  | seasons[0].periods: no period covers 17:00–18:00 (periods must tile the 24 hours exactly)
            end: "18:00", band: flat     | end: "19:00", band: flat     | 14:9  | seasons[0].periods[2]: periods[1] and periods[2] overlap at 18:00–19:00 (periods must tile the 24 hours exactly)
            10, 11, 12]                  | 10, 11]                      | 8:1   | seasons: months without a season: 12 (December) (every month belongs to exactly one season)
            10, 11, 12]                  | 10, 11, 12, 5]               | 10:53 | seasons[0].months[12]: month 5 (May) is already in season 'all' (every month belongs to exactly one season)
            valley: 0.3                  | valley: -0.3                 | 7:45  | prices.per_band.valley: expected number > 0, got -0.3
            start: "06:00"               | start: "6h"                  | 13:11 | seasons[0].periods[1].start: expected a time of day "HH:MM" (quoted; "24:00" as an end means midnight), got string "6h"
            start: "06:00"               | start: "24:00"               | 13:11 | seasons[0].periods[1].start: 24:00 can only be an end (start the day at "00:00")
            effective_from: 2026-01-01   | effective_from: soon         | 5:1   | effective_from: expected a date YYYY-MM-DD, got string "soon"
            effective_from: 2026-01-01   | effective_from: 2026-02-30   | 5:1   | effective_from: expected a real date YYYY-MM-DD, got "2026-02-30" (Invalid date 'FEBRUARY 30')
            'peak: 1.0, '                | ''                           | 14:41 | seasons[0].periods[2].band: band 'peak' has no price (add it to prices.per_band)
            region: Nowhere              | region: Nowhere\\nvoltage: 10kV | 4:1 | voltage: unknown field 'voltage' (expected one of: id, name, region, currency, effective_from, sources, prices_illustrative, prices, demand_charge_per_kw_month, capacity_charge_per_kva_month, seasons, day_overrides, power_factor_adjustment, carrier_prices)
            name: Test                   | name: [Test                  | 3:7   | (root): invalid YAML: expected ',' or ']', but got : (while parsing a flow sequence)
            months: [1,                  | months: [x1,                 | 10:14 | seasons[0].months[0]: expected integer, got string "x1"
            'per_band: { '               | 'flat_price: 0.6, per_band: { ' | 7:28 | prices.per_band: give either per_band or flat_price with ratios, not both
            seasons:\\n                  | day_overrides: [{ date: 2026-06-12, season: hot }]\\nseasons:\\n | 8:37 | day_overrides[0].season: unknown season 'hot' (expected one of: all)
            valley: 0.3                  | valley: .nan                 | 7:45  | prices.per_band.valley: expected a finite number, got NaN
            """)
    void everyErrorIsLocated(String replace, String with, String lineColumn, String expected) {
        String broken = VALID.replace(replace.trim().replace("\\n", "\n"), with.replace("\\n", "\n"));
        assertFalse(broken.equals(VALID), "the test replaced nothing: " + replace);
        ConfigException e = assertThrows(ConfigException.class, () -> parse(broken));
        assertEquals(List.of("test.yaml:" + lineColumn + ": " + expected),
                e.errors().stream().map(ValidationError::toString).toList());
    }

    @Test
    void allErrorsOfAFileAtOnce() {
        String broken = VALID.replace("band: peak", "band: peek").replace("10, 11, 12]", "10, 11]")
                .replace("currency: CNY", "currency: yuan");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(broken));
        assertEquals(List.of(4, 8, 14), e.errors().stream().map(ValidationError::line).toList(), e.getMessage());
    }

    @Test
    void aPowerFactorTableWithAGapIsLocatedAtTheTable() {
        String yaml = VALID + """
                power_factor_adjustment:
                  standard: 0.90
                  basis: test
                  below_table_percent_per_hundredth: 2.0
                  table: [{ pf: 0.90, percent: 0 }, { pf: 0.88, percent: 1.0 }]
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> TariffFileLoader.parse("pf.yaml", yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("pf.yaml:19:3: power_factor_adjustment.table: power factor table has no row for 0.89"
                + " (rows must be every 0.01 from 0.88 to 0.9)", e.errors().get(0).toString());
    }
}
