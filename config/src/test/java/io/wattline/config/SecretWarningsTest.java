package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code validate} warns about in a plant file: literal secrets and weakened OPC UA checks. */
class SecretWarningsTest {

    @TempDir
    Path dir;

    @Test
    void literalSecretsAreWarnedWithoutRepeatingTheValueReferencesAreNot() throws IOException {
        Path plant = write("""
                connections:
                  - id: plc
                    opcua:
                      username: wattline
                      password: Hunter2-literal
                  - id: plc2
                    opcua: { username: w, password: ${PLC2_PASSWORD} }
                notifications:
                  transports:
                    - id: sms
                      password: "secret:smpp"
                reports:
                  smtp:
                    token: 'sk-literal-token'
                """);
        List<String> warnings = SecretWarnings.of(plant);
        assertEquals(2, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).startsWith(plant + ":5:7: password: warning: a literal password"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith(plant + ":14:5: token: warning: a literal token"), warnings.get(1));
        assertFalse(String.join("\n", warnings).contains("Hunter2-literal"), "the warning never repeats the value");
        assertFalse(String.join("\n", warnings).contains("sk-literal-token"), "the warning never repeats the value");
    }

    @Test
    void passwordsInClearAndAnUncheckedServerHostnameAreWarned() throws IOException {
        Path plant = write("""
                connections:
                  - id: plc
                    opcua:
                      allowPasswordWithoutSecurity: true
                      checkServerHostname: false
                  - id: plc2
                    opcua: { checkServerHostname: true }
                """);
        List<String> warnings = SecretWarnings.of(plant);
        assertEquals(2, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains(":4:7: allowPasswordWithoutSecurity: warning"), warnings.get(0));
        assertTrue(warnings.get(1).contains(":5:7: checkServerHostname: warning"), warnings.get(1));
        assertTrue(warnings.get(1).contains("another host"), warnings.get(1));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("plant.yaml"), text);
    }
}
