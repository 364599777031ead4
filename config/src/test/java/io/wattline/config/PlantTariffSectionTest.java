package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plant file's {@code tariff:} in its three forms (bundled id, file next to it, inline), none at
 * all, and the old one-pattern form; errors land in the file that holds them.
 */
class PlantTariffSectionTest {

    /** valid-small.yaml ends with its inline tariff, from this line on. */
    private static final String INLINE_START = "tariff:\n";

    private static String base;
    private static String inlineTariff;

    private final PlantConfigLoader loader = TestProfiles.loader();

    @BeforeAll
    static void readBase() throws IOException {
        try (InputStream in = PlantTariffSectionTest.class.getClassLoader()
                .getResourceAsStream("config/valid-small.yaml")) {
            String valid = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int at = valid.indexOf("\n" + INLINE_START) + 1;
            base = valid.substring(0, at);
            // the inline section, de-indented, is a tariff file of its own
            inlineTariff = valid.substring(at + INLINE_START.length()).replaceAll("(?m)^  ", "");
        }
    }

    @Test
    void inlineTariffIsTheSameFormatAsATariffFile() throws ConfigException {
        TouTariff inline = loader.parse("plant.yaml", base + INLINE_START + inlineTariff.replaceAll("(?m)^", "  "))
                .tariff().orElseThrow();
        assertEquals(TariffFileLoader.parse("own.yaml", inlineTariff), inline);
        assertEquals(0.30, inline.price(TariffBand.PEAK));
    }

    @Test
    void aBundledTariffById() throws ConfigException {
        Plant plant = loader.parse("plant.yaml", base + "tariff: guangdong-2021\n");
        assertEquals(TariffFileLoader.bundled("guangdong-2021"), plant.tariff().orElseThrow());
    }

    @Test
    void aFileRelativeToThePlantFile(@TempDir Path dir) throws IOException, ConfigException {
        Files.createDirectories(dir.resolve("tariffs"));
        Files.writeString(dir.resolve("tariffs/ours.yaml"), inlineTariff);
        Path plantFile = Files.writeString(dir.resolve("plant.yaml"), base + "tariff: { file: tariffs/ours.yaml }\n");
        assertEquals("test-eur", loader.load(plantFile).tariff().orElseThrow().id());
        assertEquals(List.of(), loader.validate(plantFile));
    }

    @Test
    void errorsInAReferencedFileAreLocatedInThatFile(@TempDir Path dir) throws IOException {
        Path tariff = Files.writeString(dir.resolve("ours.yaml"), inlineTariff.replace("valley: 0.12", "valley: -1"));
        Path plantFile = Files.writeString(dir.resolve("plant.yaml"), base + "tariff: { file: ours.yaml }\n");
        assertEquals(List.of(new ValidationError(tariff.toString(), 7, 35, "prices.per_band.valley",
                "expected number > 0, got -1")), loader.validate(plantFile));
    }

    @Test
    void aMissingFileIsLocatedAtTheReference(@TempDir Path dir) throws IOException {
        Path plantFile = Files.writeString(dir.resolve("plant.yaml"), base + "tariff: { file: tariffs/none.yaml }\n");
        List<ValidationError> errors = loader.validate(plantFile);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(plantFile + ":58:11: tariff.file: no such file: " + dir.resolve("tariffs/none.yaml")
                + " (the path is relative to this file's folder)", errors.get(0).toString());
    }

    @Test
    void inlineErrorsAreLocatedInThePlantFile() {
        String text = base + INLINE_START + inlineTariff.replace("band: valley", "band: valey").replaceAll("(?m)^", "  ");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", text));
        assertEquals(1, e.errors().size(), e::getMessage);
        assertEquals("plant.yaml:70:43: tariff.seasons[0].periods[0].band: expected one of: critical_peak, peak,"
                + " flat, valley, deep_valley, got string \"valey\"; did you mean 'valley'?", e.errors().get(0).toString());
    }

    @Test
    void anUnknownBundledIdListsTheBundledOnes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse("plant.yaml", base + "tariff: guangdong-2012\n"));
        assertEquals(List.of("plant.yaml:58:1: tariff: unknown bundled tariff 'guangdong-2012' (bundled: guangdong-2021,"
                + " sichuan-2023); did you mean 'guangdong-2021'?; your own tariff goes in a file"
                + " (tariff: { file: tariffs/ours.yaml }) or inline"),
                e.errors().stream().map(ValidationError::toString).toList());
    }

    @Test
    void theOldOnePatternFormSaysHowToWriteItNow() {
        String old = base + """
                tariff:
                  currency: EUR
                  prices: { peak: 0.30, valley: 0.12 }
                  periods:
                    - { start: "22:00", end: "06:00", band: valley }
                    - { start: "06:00", end: "22:00", band: peak }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", old));
        assertEquals(1, e.errors().size(), e::getMessage);
        ValidationError error = e.errors().get(0);
        assertEquals(61, error.line());
        assertEquals("tariff.periods", error.field());
        assertTrue(error.message().startsWith("the one-pattern tariff form (periods and prices directly under tariff:)"
                + " is no longer read"), error::message);
        assertTrue(error.message().contains("seasons: [{ name: all-year, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],"
                + " periods: [...] }]"), error::message);
        assertTrue(error.message().contains("tariff: guangdong-2021"), error::message);
    }

    @Test
    void withoutATariffThereIsNone() throws ConfigException {
        assertTrue(loader.parse("plant.yaml", base).tariff().isEmpty());
    }
}
