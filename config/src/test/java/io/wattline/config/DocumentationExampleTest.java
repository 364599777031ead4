package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TariffBand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The example in docs/configuration.md loads, so the reference never shows a file that fails. */
class DocumentationExampleTest {

    static final Path REFERENCE = Path.of("../docs/configuration.md");

    /** The plant of the reference's "## Example" section. */
    static Plant example() throws IOException, ConfigException {
        assertTrue(Files.isRegularFile(REFERENCE), "missing " + REFERENCE.toAbsolutePath());
        String markdown = Files.readString(REFERENCE);
        int section = markdown.indexOf("## Example");
        int start = markdown.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = markdown.indexOf("```", start);
        return PlantConfigLoader.withBuiltInProfiles().parse("configuration.md#example", markdown.substring(start, end));
    }

    @Test
    void exampleInTheReferenceLoads() throws IOException, ConfigException {
        Plant plant = example();

        assertEquals(3, plant.meters().size());
        assertEquals("workshop", plant.meter("line1-power").orElseThrow().areaId());
        // Day 3 of the 4-day cycle after 2026-01-05 is 2026-01-08, row [B, C, -]: no night crew.
        var night = plant.shiftCalendar().shiftAt(
                ZonedDateTime.of(2026, 1, 9, 2, 0, 0, 0, ZoneId.of("Asia/Shanghai")));
        assertEquals(LocalDate.of(2026, 1, 8), night.productionDay());
        assertEquals("night", night.shift().id());
        assertEquals(null, night.crew());
        assertEquals(1, plant.meterEvents().size());
        assertEquals("workshop-unmetered", plant.virtualMeters().get(0).id());
        assertEquals(0.23, plant.tariff().orElseThrow().price(TariffBand.VALLEY));
    }
}
