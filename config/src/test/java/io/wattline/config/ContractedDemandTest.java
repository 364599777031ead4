package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.plant.Plant;
import io.wattline.core.report.ReportDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contracted maximum demand is stated once, as the site's {@code contractedDemandKw}: the demand
 * alarm and the reports default to it, may override it (validate warns when they differ), and a demand
 * rule with neither is an error naming where to state it.
 */
class ContractedDemandTest {

    private static final String ONE_CONTRACT = "  - { id: s1, name: Site, contractedDemandKw: 630 }";
    private final PlantConfigLoader loader = TestProfiles.loader();

    private static String plant(String site, String demandRule, String dailyReport) throws Exception {
        return AccountingConfigTest.small().replace("  - { id: s1, name: Site }", site) + """
                alarms:
                  rules:
                    - %s
                reports:
                  definitions:
                    - %s
                    - { id: monthly, type: monthly-cost, formats: [pdf] }
                """.formatted(demandRule, dailyReport);
    }

    @Test
    void theSiteFigureIsTheDefaultOfTheDemandAlarmAndTheReports() throws Exception {
        Plant plant = loader.parse("plant.yaml", plant(ONE_CONTRACT,
                "{ id: demand, type: demand, meter: main, share: 0.9 }", "{ id: daily, type: daily, formats: [pdf] }"));

        assertEquals(630.0, plant.contractedDemandKw().orElseThrow());
        AlarmRuleSettings.DemandForecast rule = (AlarmRuleSettings.DemandForecast) plant.alarms().rules().get(0);
        assertEquals(630.0, rule.contractedKw(), "the demand alarm compares with the site's contract");
        Map<String, ReportDefinition> reports = plant.reports().definitions().stream()
                .collect(Collectors.toMap(ReportDefinition::id, Function.identity()));
        assertEquals(630.0, reports.get("daily").contractedDemandKw());
        assertEquals(630.0, reports.get("monthly").contractedDemandKw());
    }

    @Test
    void anOverrideWinsAndValidateWarnsThatItDiffers(@TempDir Path dir) throws Exception {
        String yaml = plant(ONE_CONTRACT, "{ id: demand, type: demand, meter: main, share: 0.9, contractedKw: 630 }",
                "{ id: daily, type: daily, formats: [pdf], contractedDemandKw: 400 }");
        Plant plant = loader.parse("plant.yaml", yaml);
        assertEquals(400.0, plant.reports().definitions().get(0).contractedDemandKw(), "the report's own figure");

        Path file = dir.resolve("plant.yaml");
        Files.writeString(file, yaml);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = ConfigValidator.run(loader, List.of(file), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, "a differing override is allowed: " + text);
        List<String> warnings = text.lines().filter(l -> l.contains("warning:")).toList();
        assertEquals(1, warnings.size(), "only the report differs (the alarm states the same 630 kW): " + text);
        assertTrue(warnings.get(0).contains("reports.definitions[0].contractedDemandKw")
                && warnings.get(0).contains("400 kW differs from the site's contractedDemandKw 630 kW"), text);
    }

    @Test
    void aDemandRuleWithoutAnyContractIsAnErrorSayingWhereToStateIt() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml",
                plant("  - { id: s1, name: Site }", "{ id: demand, type: demand, meter: main, share: 0.9 }",
                        "{ id: daily, type: daily, formats: [pdf] }")));
        assertTrue(e.errors().stream().anyMatch(x -> x.message().contains("site's contractedDemandKw")), e.getMessage());
    }

    @Test
    void theSiteFigureMustBePositive() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml",
                plant("  - { id: s1, name: Site, contractedDemandKw: 0 }", "{ id: comm, type: communication }",
                        "{ id: daily, type: daily, formats: [pdf] }")));
        assertTrue(e.errors().stream().anyMatch(x -> x.field().contains("contractedDemandKw")), e.getMessage());
    }
}
