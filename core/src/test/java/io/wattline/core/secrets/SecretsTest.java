package io.wattline.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.files.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** References to secrets: the environment, the secrets file (owner-only), literals; errors never show a value. */
class SecretsTest {

    @TempDir
    Path data;

    @Test
    void resolvesEnvironmentAndSecretsFileReferences() {
        PrivateFiles.write(data.resolve(Secrets.FILE), "plc-line1=Pa55-from-file\n".getBytes());
        Secrets secrets = new Secrets(Map.of("PLC_PASSWORD", "Pa55-from-env")::get, data);
        assertEquals("Pa55-from-env", secrets.resolve("${PLC_PASSWORD}", "here"));
        assertEquals("Pa55-from-file", secrets.resolve("secret:plc-line1", "here"));
        assertEquals("literal", secrets.resolve("literal", "here"), "a literal stays (validate warns about it)");
        assertTrue(Secrets.isReference("${A_B}") && Secrets.isReference("secret:x.y"));
        assertFalse(Secrets.isReference("s3cret") || Secrets.isReference("${lower case}"));

        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                () -> secrets.resolve("${MISSING}", "connection plc: opcua.password"));
        assertEquals("connection plc: opcua.password: environment variable MISSING is not set", unset.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> secrets.resolve("secret:other", "connection plc: opcua.password"));
        assertTrue(absent.getMessage().contains("no secret 'other'") && !absent.getMessage().contains("Pa55"),
                absent.getMessage());
    }

    @Test
    void aSecretsFileOthersCanReadIsRefused() throws Exception {
        Path file = data.resolve(Secrets.FILE);
        PrivateFiles.write(file, "k=v\n".getBytes());
        if (!PrivateFiles.posix()) {
            return;
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Secrets(n -> null, data).resolve("secret:k", "x"));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }
}
