package io.wattline.profiles.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlSchemaValidatorTest {

    private static final YamlSchemaValidator VALIDATOR =
            new YamlSchemaValidator("schema/plant.schema.json");

    private static final String VALID = """
            schemaVersion: 1
            plant:
              name: Test
              timeZone: UTC
            sites:
              - id: s1
            connections:
              - id: gw
                type: modbus-tcp
                host: 127.0.0.1
            meters:
              - id: m1
                profile: chint/dtsu666
                connection: gw
                unitId: 1
                carrier: electricity
            """;

    @Test
    void validFileHasNoErrors() {
        YamlSchemaValidator.Result result = VALIDATOR.check("ok.yaml", VALID);
        assertEquals(List.of(), result.errors());
        assertEquals("gw", result.document().at("/meters/0/connection").asString());
        assertEquals(13, result.document().lineOf("/meters/0/profile"));
        assertEquals(5, result.document().columnOf("/meters/0/profile"));
    }

    /** Each row: a replacement applied to the valid file, then the error's line, field and message start. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            unitId: 1       | unitID: 1       | 15 | meters[0].unitID      | unknown field 'unitID' (expected one of: id, name, profile, connection, unitId,
            unitId: 1       | unitId: abc     | 15 | meters[0].unitId      | expected integer, got string "abc"
            unitId: 1       | unitId: 300     | 15 | meters[0].unitId      | expected integer from 0 to 255, got 300
            type: modbus-tcp | type: modbus-tpc | 9 | connections[0].type  | expected one of: modbus-tcp, modbus-rtu, modbus-rtu-over-tcp, opc-ua, got string "modbus-tpc"; did you mean 'modbus-tcp'?
            '    host: 127.0.0.1' | '    port: 502' | 8 | connections[0].host | missing required field 'host'
            '  - id: s1'    | '  - id: s 1'   | 6 | sites[0].id           | expected an id of letters, digits
            schemaVersion: 1 | schemaVersion: 2 | 1 | schemaVersion       | expected 1, got integer 2
            """)
    void schemaErrorsNameLineFieldAndExpectation(String from, String to, int line, String field,
            String message) {
        List<ValidationError> errors = VALIDATOR.validate("bad.yaml", VALID.replace(from, to));
        assertEquals(1, errors.size(), errors::toString);
        ValidationError error = errors.get(0);
        assertEquals("bad.yaml", error.file());
        assertEquals(line, error.line(), error::toString);
        assertEquals(field, error.field(), error::toString);
        assertTrue(error.message().startsWith(message), error::toString);
    }

    @Test
    void misspeltFieldSuggestsTheRightOne() {
        ValidationError error = VALIDATOR.validate("bad.yaml", VALID.replace("carrier:", "carier:")).get(0);
        assertTrue(error.message().endsWith("did you mean 'carrier'?"), error::toString);
        assertEquals("bad.yaml:16:5: meters[0].carier: " + error.message(), error.toString());
    }

    @Test
    void syntaxErrorIsLocated() {
        YamlSchemaValidator.Result result = VALIDATOR.check("broken.yaml", VALID.replace(
                "    unitId: 1", "    unitId: [1"));
        assertNull(result.document());
        assertEquals(1, result.errors().size());
        ValidationError error = result.errors().get(0);
        assertTrue(error.message().startsWith("invalid YAML"), error::toString);
        assertTrue(error.line() >= 15, error::toString);
    }

    @Test
    void duplicateKeyIsReportedWithBothLines() {
        List<ValidationError> errors = VALIDATOR.validate("dup.yaml",
                VALID.replace("    unitId: 1\n", "    unitId: 1\n    unitId: 2\n"));
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(16, errors.get(0).line());
        assertEquals("duplicate key 'unitId' (first given on line 15)", errors.get(0).message());
    }

    @Test
    void emptyFileSaysWhatWasExpected() {
        List<ValidationError> errors = VALIDATOR.validate("empty.yaml", "");
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("expected mapping (key: value), got empty value", errors.get(0).message());
    }

    @Test
    void fieldPathsUseBracketsOnlyForListIndices() throws YamlSyntaxException {
        YamlDocument document = YamlDocument.parse("x.yaml", "a:\n  '0': [x, {b: 1}]\n");
        assertEquals("a.0[1].b", document.fieldOf("/a/0/1/b"));
        assertEquals(2, document.lineOf("/a/0/1/b"));
        assertEquals(2, document.lineOf("/a/0/1/missing"));
    }
}
