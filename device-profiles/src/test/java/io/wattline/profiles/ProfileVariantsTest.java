package io.wattline.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Signature registers ({@code identify:}) and register-map variants ({@code variants:}): the DTSU666's
 * two energy blocks with their sources, a variant as a profile of its own, and one located error per
 * rule a variant or a check can break.
 */
class ProfileVariantsTest {

    private static final Path DTSU = Path.of("src/main/resources/profiles/chint/dtsu666.yaml");

    @Test
    void theDtsu666DeclaresBothEnergyBlocksWithTheirSources() {
        LoadedProfile model = ProfileCatalog.builtIn().model("chint/dtsu666").orElseThrow();
        assertEquals(List.of("energy-401e", "energy-101e"), model.variants().stream().map(ProfileVariant::id).toList());
        ProfileVariant manual = model.variants().get(0);
        assertTrue(manual.isDefault());
        assertEquals("chint/dtsu666", manual.profile().id(), "the default variant is the profile itself");
        assertEquals(List.of("chint-manual", "aggsoft-map"), manual.sources());
        ProfileVariant other = model.variants().get(1);
        assertEquals(List.of("smartstuff-emulation", "starkest-dtsu666"), other.sources());
        assertEquals(Set.of("active_energy_import", "active_energy_export"), other.replacedPoints());

        DeviceProfile lower = ProfileCatalog.builtIn().require("chint/dtsu666@energy-101e");
        assertEquals(0x101E, lower.point("active_energy_import").orElseThrow().address());
        assertEquals(0x1028, lower.point("active_energy_export").orElseThrow().address());
        assertEquals(0x2044, lower.point("frequency").orElseThrow().address(), "the rest is the profile's");
        assertTrue(ProfileCatalog.builtIn().variantIds().contains("chint/dtsu666@energy-101e"));
        assertTrue(!ProfileCatalog.builtIn().ids().contains("chint/dtsu666@energy-101e"), "ids() are the models");

        List<String> checks = model.identify().stream().map(c -> c.label() + " " + c.expected()).toList();
        assertEquals(List.of("frequency 45..65 Hz", "holding 46 (0x002E) = unit id"), checks);
        assertEquals(0x101E, other.identify().get(0).register().address());
    }

    @Test
    void identifyChecksAcceptWhatTheModelAnswers() {
        IdentifyCheck frequency = ProfileCatalog.builtIn().model("chint/dtsu666").orElseThrow().identify().get(0);
        assertTrue(frequency.accepts(49.98, 1));
        assertTrue(!frequency.accepts(0, 1) && !frequency.accepts(Double.NaN, 1));
        IdentifyCheck address = ProfileCatalog.builtIn().model("chint/dtsu666").orElseThrow().identify().get(1);
        assertTrue(address.accepts(7, 7));
        assertTrue(!address.accepts(7, 8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a variant replaces a point the profile lacks | '      - { name: active_energy_import,' | '      - { name: energy_in,' | variants[1].points[0].name | a variant replaces points of the profile
            two defaults                                  | '  - id: energy-101e\\n'                 | '  - id: energy-101e\\n    default: true\\n' | variants | expected exactly one variant with default: true
            an unknown point to check                     | '  - { point: frequency, min: 45'         | '  - { point: freq, min: 45'           | identify[0].point | expected a point of chint/dtsu666, got 'freq'
            a model check on a point the variants differ on | '  - { point: frequency, min: 45'       | '  - { point: active_energy_import, min: 45' | identify[0].point | differs between the variants
            a source that is not declared                 | 'sources: [smartstuff-emulation, starkest-dtsu666]' | 'sources: [somebody]' | variants[1].sources[0] | expected a source id declared under sources
            a variant point outside its ranges            | 'address: 0x101E, type'                   | 'address: 0x301E, type'                | variants[1].points[0].address | variant energy-101e: point 'active_energy_import': expected inside a readable range
            """)
    void eachBrokenRuleIsALocatedError(String name, String from, String to, String field, String message)
            throws IOException {
        String text = Files.readString(DTSU);
        assertTrue(text.contains(from.replace("\\n", "\n")), "fixture text present: " + from);
        String broken = text.replaceFirst(java.util.regex.Pattern.quote(from.replace("\\n", "\n")),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load("chint/dtsu666", "dtsu666.yaml",
                broken));
        ValidationError error = e.problems().stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + field + ": " + e.getMessage()));
        assertTrue(error.message().contains(message), e.getMessage());
        assertTrue(error.line() > 0, error.toString());
    }
}
