package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wattline.core.files.PrivateFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application certificate's private key: a key store 0600 in a 0700 folder, protected by a
 * random password per installation kept beside it (0600), never the same for two installations.
 */
class ApplicationCertificateFilesTest {

    @TempDir
    Path data;

    @Test
    void keyStoreIsPrivateAndItsPasswordIsThisInstallationsOwn() throws Exception {
        assumeTrue(PrivateFiles.posix(), "POSIX permissions");
        ApplicationCertificate first = ApplicationCertificate.loadOrCreate(data.resolve("a/opcua"), "collector",
                OpcUaCollector.APPLICATION_URI);
        ApplicationCertificate other = ApplicationCertificate.loadOrCreate(data.resolve("b/opcua"), "collector",
                OpcUaCollector.APPLICATION_URI);
        Path dir = data.resolve("a/opcua");
        assertEquals("rwx------", perms(dir));
        assertEquals("rw-------", perms(dir.resolve("collector.p12")));
        assertEquals("rw-------", perms(dir.resolve("collector.password")));
        String password = Files.readString(dir.resolve("collector.password")).strip();
        assertNotEquals(password, Files.readString(data.resolve("b/opcua/collector.password")).strip());
        assertEquals(43, password.length(), "256 random bits, base64");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("collector.p12"))) {
            store.load(in, password.toCharArray());
        }
        assertEquals(first.certificate(), store.getCertificate("application"));

        ApplicationCertificate again = ApplicationCertificate.loadOrCreate(dir, "collector",
                OpcUaCollector.APPLICATION_URI);
        assertArrayEquals(first.certificate().getEncoded(), again.certificate().getEncoded(), "kept across restarts");
        assertNotEquals(first.certificate(), other.certificate());
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
