package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The semantic checks run even when the schema fails (to report everything at once), so they
 * must survive any shape of tree: each row breaks valid-small.yaml structurally and expects a
 * located ConfigException, never a crash, and the first error on the line of the change.
 */
class MalformedConfigTest {

    private static String valid;

    @BeforeAll
    static void readBase() throws IOException {
        try (InputStream in = MalformedConfigTest.class.getClassLoader()
                .getResourceAsStream("config/valid-small.yaml")) {
            valid = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'meters:\\n'                         | 'meters: nothing\\nmeter_list:\\n'         | 27
            'shifts:\\n  definitions:\\n'         | 'shifts:\\n  definitions: {}\\n  old:\\n' | 49
            '  crews: [red, blue]'               | '  crews: {red: 1}'                      | 52
            '      - [red, blue]'                | '      - red'                            | 56
            'sites:\\n'                          | 'sites: 7\\nx:\\n'                        | 6
            '    poll: { fast: 1s, slow: 15s }'  | '    poll: [1s]'                          | 33
            '    poll: { fast: 1s, slow: 15s }'  | '    poll: { fast: 99999999999999999999h }' | 33
            '    host: 10.0.0.5'                 | '    host: 10.0.0.5\n    timeout: 2h'    | 21
            '    host: 10.0.0.5'                 | '    host: [10, 0]'                       | 20
            '    unitId: 1'                      | '    unitId: 1.5'                         | 30
            '  - { id: s1, name: Site }'         | '  - s1'                                 | 7
            'tariff:\\n'                         | 'tariff: flat\\nold_tariff:\\n'          | 59
            '    profile: test/temperature'      | '    profile: temperature'                | 43
            'schemaVersion: 1'                   | '- 1'                                    | 3
            """)
    void brokenShapesAreReportedNotThrown(String from, String to, int line) {
        String text = valid.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertFalse(text.equals(valid), "the replacement did not apply: " + from);
        ConfigException e = assertThrows(ConfigException.class,
                () -> TestProfiles.loader().parse("broken.yaml", text));
        List<ValidationError> errors = e.errors();
        assertTrue(errors.stream().anyMatch(err -> err.line() == line), e::getMessage);
        errors.forEach(err -> assertEquals("broken.yaml", err.file()));
    }
}
