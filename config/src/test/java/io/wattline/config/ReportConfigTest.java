package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Plant;
import io.wattline.core.report.ReportDefinition;
import io.wattline.core.report.ReportFormat;
import io.wattline.core.report.ReportSettings;
import io.wattline.core.report.ReportType;
import io.wattline.core.report.SmtpSettings;
import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.yaml.ValidationError;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The reports section and the tariff's carrier prices: mapping with defaults, errors with line and field. */
class ReportConfigTest {

    private final PlantConfigLoader loader = TestProfiles.loader();

    @Test
    void definitionsAndMailServerMapWithDefaults() throws Exception {
        Plant plant = loader.parse("plant.yaml", AccountingConfigTest.small() + """
                reports:
                  smtp: { host: mail.example.com, from: energy@example.com, username: energy, passwordEnv: SMTP_PW }
                  definitions:
                    - id: monthly
                      name: 月度成本
                      type: monthly-cost
                      scope: { costCentres: [cc1] }
                      schedule: "0 0 1 1 * ?"
                      formats: [xlsx, pdf, csv]
                      recipients: [finance@example.com]
                      billTolerancePercent: 0.5
                      contractedDemandKw: 800
                    - { id: shift, type: shift-summary, schedule: "0 0 7,19 * * ?", formats: [pdf], language: en,
                        scope: { lines: [l1] }, folder: /srv/reports }
                """);
        ReportSettings r = plant.reports();
        assertEquals(new SmtpSettings("mail.example.com", 587, "energy@example.com", "energy", "${SMTP_PW}", "starttls"),
                r.smtp().orElseThrow(), "starttls on 587 by default");
        ReportDefinition monthly = r.definition("monthly").orElseThrow();
        assertEquals(ReportType.MONTHLY_COST, monthly.type());
        assertEquals(List.of("cc1"), monthly.scope().costCentres());
        assertEquals(List.of(ReportFormat.XLSX, ReportFormat.PDF, ReportFormat.CSV), monthly.formats());
        assertEquals("zh-CN", monthly.language(), "Chinese unless told otherwise");
        assertEquals(0.5, monthly.billTolerancePercent());
        assertEquals(800.0, monthly.contractedDemandKw());
        ReportDefinition shift = r.definition("shift").orElseThrow();
        assertEquals("shift", shift.name(), "the name defaults to the id");
        assertEquals(ReportDefinition.DEFAULT_BILL_TOLERANCE_PERCENT, shift.billTolerancePercent());
        assertNull(shift.contractedDemandKw());
        assertEquals("/srv/reports", shift.folder());
        assertFalse(shift.chinese());
    }

    @Test
    void aPlantWithoutTheSectionHasNoReports() throws Exception {
        assertTrue(loader.parse("plant.yaml", AccountingConfigTest.small()).reports().definitions().isEmpty());
    }

    @Test
    void everyMistakeIsReportedWithLineAndField() throws Exception {
        String base = AccountingConfigTest.small();
        int first = (int) base.lines().count() + 1;
        String yaml = base + """
                reports:
                  definitions:
                    - { id: m, type: monthly-cost, formats: [xlsx], schedule: "0 0 1 1 * *" }
                    - { id: m, type: daily, formats: [pdf], schedule: "0 0 25 * * ?", billTolerancePercent: 2 }
                    - { id: s, type: shift-summary, formats: [docx], scope: { lines: [l2] } }
                    - { id: t, type: energy-review, formats: [csv], recipients: [a@b.cn], schedule: "0 0 1" }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", yaml));
        List<ValidationError> errors = e.errors();
        assertHas(errors, first + 2, "reports.definitions[0].schedule", "exactly one of day-of-month");
        assertHas(errors, first + 3, "reports.definitions[1].id", "duplicate report id 'm'");
        assertHas(errors, first + 3, "reports.definitions[1].schedule", "field 3 (hours) '25'");
        assertHas(errors, first + 3, "reports.definitions[1].billTolerancePercent", "monthly-cost reports only");
        assertHas(errors, first + 4, "reports.definitions[2].formats[0]", "");
        assertHas(errors, first + 4, "reports.definitions[2].scope.lines[0]", "unknown line 'l2' (known: l1)");
        assertHas(errors, first + 5, "reports.definitions[3].recipients", "add reports.smtp");
        assertHas(errors, first + 5, "reports.definitions[3].schedule", "6 or 7 fields");
        assertEquals(8, errors.size(), e::getMessage);
    }

    @Test
    void cronTextAcceptsWhatQuartzAccepts() {
        for (String ok : List.of("0 0 1 1 * ?", "0 0 6,14,22 * * ?", "0 */15 * * * ?", "0 0 8 ? * MON-FRI",
                "0 30 0 L * ?", "0 0 12 ? JAN,JUL 2#1 2027", "0 0 0 15W * ?")) {
            assertTrue(CronText.problem(ok).isEmpty(), ok + ": " + CronText.problem(ok));
        }
        for (String bad : List.of("0 0 1 1 * * *", "60 0 1 ? * *", "0 0 1 32 * ?", "0 0 1 ? 13 *", "0 0 x * * ?",
                "0 0 1 * *", "0 */0 * * * ?")) {
            assertTrue(CronText.problem(bad).isPresent(), bad);
        }
    }

    @Test
    void carrierPricesAreReadAndCheckedAgainstTheCarriersUnits() throws Exception {
        String priced = AccountingConfigTest.small().replace("  prices: { per_band: { peak: 0.30, valley: 0.12 } }\n",
                "  prices: { per_band: { peak: 0.30, valley: 0.12 } }\n"
                        + "  carrier_prices:\n"
                        + "    water: { price: 4.10, unit: m3 }\n"
                        + "    steam: { price: 220, unit: t }\n");
        TouTariff tariff = loader.parse("plant.yaml", priced).tariff().orElseThrow();
        assertEquals(OptionalDouble.of(4.10), tariff.carrierPrice(EnergyCarrier.WATER, "m3"));
        assertEquals(OptionalDouble.of(220), tariff.carrierPrice(EnergyCarrier.STEAM, "t"));
        assertEquals(OptionalDouble.empty(), tariff.carrierPrice(EnergyCarrier.STEAM, "m3"), "steam by volume is not priced per t");
        assertEquals(OptionalDouble.empty(), tariff.carrierPrice(EnergyCarrier.NATURAL_GAS, "m3"));

        String wrong = priced.replace("water: { price: 4.10, unit: m3 }", "water: { price: 4.10, unit: t }");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", wrong));
        int line = (int) wrong.lines().takeWhile(l -> !l.contains("water: { price")).count() + 1;
        assertHas(e.errors(), line, "tariff.carrier_prices.water.unit", "water is metered in m3, not t");
    }

    private static void assertHas(List<ValidationError> errors, int line, String field, String text) {
        assertTrue(errors.stream().anyMatch(x -> x.line() == line && x.field().equals(field)
                && x.message().contains(text)), () -> "no error at line " + line + " " + field + " containing '"
                        + text + "' in:\n" + errors.stream().map(ValidationError::toString)
                                .reduce("", (a, b) -> a + b + "\n"));
    }
}
