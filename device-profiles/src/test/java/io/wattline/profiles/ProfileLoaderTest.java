package io.wattline.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each schema and linter rule, broken once in a copy of a shipped profile: the error must name the
 * file, a line, the field and what was expected.
 */
class ProfileLoaderTest {

    private static final Path SHIPPED = Path.of("src/main/resources/profiles");

    @ParameterizedTest(name = "{0}: {6}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // profile            | replace this                      | with this                            | field                       | message contains | error on the edited line | rule
        "simex/trs-02a        | unit: degC, pollGroup: fast       | unit: K, pollGroup: fast             | points[0].unit              | expected 'degC' | true | unit vs quantity",
        "xylem/magflux        | counterMax: 4294967295,           | ``                                   | points[2].counterMax        | counter         | false | counter without maximum",
        "simex/trs-02a        | first: 0x01, last: 0x08           | first: 0x01, last: 0x04              | points[6].address           | readable range  | false | outside readable",
        "chint/dtsu666        | address: 0x2008                   | address: 0x2007                      | points[1].address           | overlaps point 'voltage_l1_n' | true | overlap",
        "eastron/sdm630       | value: 80                         | value: 1                             | points[0].type              | at most 1 per request | false | quirk limit",
        "eastron/sdm630       | value: 80                         | value: 79                            | quirks.maxRegistersPerRequest.value | even maximum | false | odd max with evenRegisterCount",
        "simex/trs-02a        | type: INT16, scale: 0.1, unit: degC, pollGroup: fast | type: INT16, wordOrder: CDAB, scale: 0.1, unit: degC, pollGroup: fast | points[0].wordOrder | means nothing | true | word swap on one register",
        "simex/trs-02a        | pollGroup: slow,                  | pollGroup: hourly,                   | points[6].pollGroup         | declared poll groups | true | unknown poll group",
        "simex/trs-02a        | source: \"simex-manual, p.11 register 01h | source: \"manual, p.11 register 01h | points[0].source | source id | true | undeclared citation",
        "simex/trs-02a        | quantity: TEMPERATURE, function: holding, address: 0x01 | quantity: TEMPERATUR, function: holding, address: 0x01 | points[0].quantity | Quantity constant | true | unknown quantity",
        "chint/dtsu666        | unit: V, pollGroup: fast          | unit: V, counterMax: 5, pollGroup: fast | points[0].counterMax     | only counter quantities | true | counterMax on a gauge",
        "xylem/magflux        | counterMax: 4294967295,           | counterMax: 4294967296,              | points[2].counterMax        | at most 4294967295 | true | counterMax beyond the type",
        "simex/trs-02a        | type: BIT, bit: 4,                | type: BIT,                           | points[2].bit               | missing required field | true | BIT without bit (schema)",
        "simex/trs-02a        | address: 0x05                     | adress: 0x05                         | points[6].adress            | address         | true | misspelt field (schema)",
        "simex/trs-02a        | addressBase: 0                    | addressBase: 2                       | addressBase                 | 0, 1            | true | address base (schema)",
    })
    void eachBrokenRuleIsReportedWithFileLineAndField(String profile, String find, String replace, String field,
            String fragment, boolean atEdit, String rule) throws IOException {
        String original = Files.readString(SHIPPED.resolve(profile + ".yaml"));
        assertTrue(original.contains(find), "fixture text not found: " + find);
        String broken = original.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replace));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.parse(profile, "broken.yaml", broken), rule);
        ValidationError error = e.problems().stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + ": no error on " + field + " in\n" + e.getMessage()));
        assertEquals("broken.yaml", error.file());
        assertTrue(error.line() > 0, error.toString());
        assertTrue(error.message().contains(fragment), rule + ": " + error);
        if (atEdit) {
            int editedLine = lineOf(broken, replace.isEmpty() ? find : replace);
            assertEquals(editedLine, error.line(), error.toString());
        }
    }

    @Test
    void aShippedProfileLoadsWithPduAddressesAndPollGroups() throws IOException {
        DeviceProfile p = ProfileLoader.parse("simex/trs-02a", "trs-02a.yaml", Files.readString(SHIPPED.resolve("simex/trs-02a.yaml")));
        assertEquals(1, p.point("temperature").orElseThrow().address());
        assertEquals(Duration.ofSeconds(60), p.pollGroups().get("slow"));
        assertEquals(5, p.quirks().maxRegistersPerRequest());
        assertEquals(new RegisterRange(RegisterFunction.HOLDING, 0x20, 0x22), p.readable().get(1));
    }

    @Test
    void deadbandsPerGaugeQuantityAreReadAndACountersIsRefused() throws IOException {
        String text = Files.readString(SHIPPED.resolve("simex/trs-02a.yaml"));
        DeviceProfile p = ProfileLoader.parse("simex/trs-02a", "bands.yaml",
                text.replace("\npollGroups:", "\ndeadbands: { temperature: 0.2 }\npollGroups:"));
        assertEquals(java.util.Map.of(io.wattline.core.Quantity.TEMPERATURE, 0.2), p.deadbands());
        assertEquals(java.util.Map.of(), ProfileLoader.parse("simex/trs-02a", "plain.yaml", text).deadbands());

        ProfileException counter = assertThrows(ProfileException.class, () -> ProfileLoader.parse("simex/trs-02a",
                "bands.yaml", text.replace("\npollGroups:", "\ndeadbands: { ACTIVE_ENERGY_IMPORT: 1 }\npollGroups:")));
        ValidationError error = counter.problems().stream().filter(e -> e.field().startsWith("deadbands"))
                .findFirst().orElseThrow(() -> new AssertionError(counter.getMessage()));
        assertTrue(error.message().contains("counter"), error.toString());
        assertTrue(error.line() > 0, error.toString());

        ProfileException negative = assertThrows(ProfileException.class, () -> ProfileLoader.parse("simex/trs-02a",
                "bands.yaml", text.replace("\npollGroups:", "\ndeadbands: { temperature: -1 }\npollGroups:")));
        assertTrue(negative.problems().stream().anyMatch(e -> e.field().startsWith("deadbands")), negative.getMessage());
    }

    @Test
    void oneBasedAddressesBecomePduAddresses() throws IOException {
        String text = Files.readString(SHIPPED.resolve("simex/trs-02a.yaml"))
                .replace("addressBase: 0", "addressBase: 1")
                .replace("first: 0x01, last: 0x08", "first: 0x02, last: 0x09")
                .replace("first: 0x20, last: 0x21", "first: 0x21, last: 0x22")
                .replace("address: 0x06", "address: 0x07")
                .replace("address: 0x05", "address: 0x06")
                .replace("address: 0x02", "address: 0x03")
                .replace("address: 0x01", "address: 0x02");
        DeviceProfile p = ProfileLoader.parse("simex/trs-02a", "one-based.yaml", text);
        DeviceProfile zero = ProfileCatalog.builtIn().require("simex/trs-02a");
        assertEquals(zero.readable(), p.readable());
        for (PointDefinition point : zero.points()) {
            assertEquals(point, p.point(point.name()).orElseThrow());
        }
    }

    @Test
    void durationsAreReadAsProfilesWriteThem() {
        assertEquals(Duration.ofMillis(500), ProfileLoader.parseDuration("500ms"));
        assertEquals(Duration.ofMinutes(2), ProfileLoader.parseDuration("2m"));
        assertThrows(IllegalArgumentException.class, () -> ProfileLoader.parseDuration("2 minutes"));
    }

    private static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!fragment.isEmpty() && lines[i].contains(fragment.lines().findFirst().orElse(fragment))) {
                return i + 1;
            }
        }
        return 0;
    }
}
