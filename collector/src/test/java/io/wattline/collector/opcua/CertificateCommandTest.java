package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opcua-cert show|renew}, and the 30-day warning before a certificate expires. */
class CertificateCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path data;

    @Test
    void renewReplacesTheCertificateAndKeepsTheOldFiles() throws Exception {
        ApplicationCertificate before = ApplicationCertificate.loadOrCreate(data.resolve("opcua"), "collector",
                OpcUaCollector.APPLICATION_URI);
        String oldThumbprint = CertificateFacts.thumbprint(before.certificate());

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int status = CertificateCommand.run(new String[] {"renew", "--data", data.toString()},
                new PrintStream(text, true, StandardCharsets.UTF_8), CLOCK);
        String out = text.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, out);

        ApplicationCertificate after = ApplicationCertificate.loadOrCreate(data.resolve("opcua"), "collector",
                OpcUaCollector.APPLICATION_URI);
        String newThumbprint = CertificateFacts.thumbprint(after.certificate());
        assertNotEquals(oldThumbprint, newThumbprint, "a new certificate");
        assertTrue(out.contains("thumbprint  " + newThumbprint), out);
        assertArrayEquals(after.certificate().getEncoded(), Files.readAllBytes(data.resolve("opcua/collector.der")),
                "the DER copy for servers is the new certificate");
        List<String> files;
        try (Stream<Path> s = Files.list(data.resolve("opcua"))) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(files.contains("collector.der.old-20261202-080000"), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.startsWith(".renewing")), "no scratch folder left: " + files);
        assertArrayEquals(before.certificate().getEncoded(),
                Files.readAllBytes(data.resolve("opcua/collector.der.old-20261202-080000")), "the old one is kept");
    }

    @Test
    void showPrintsThumbprintAndExpiryAndAUsageErrorIsStatus2() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        assertEquals(0, CertificateCommand.run(new String[] {"show", "--data", data.toString()}, out, CLOCK));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("valid until 2036-"), text.toString());
        assertEquals(2, CertificateCommand.run(new String[] {"rotate"}, out, CLOCK));
    }

    @Test
    void warnsFromThirtyDaysBeforeExpiry() {
        assertNull(CertificateFacts.warning("application", NOW.plus(java.time.Duration.ofDays(31)), NOW, "renew it"));
        assertEquals("the OPC UA application certificate expires on 2026-12-31 (UTC), in 29 day(s): renew it",
                CertificateFacts.warning("application", NOW.plus(java.time.Duration.ofDays(29)), NOW, "renew it"));
        assertEquals("the OPC UA server certificate expired on 2026-12-01 (UTC): renew it",
                CertificateFacts.warning("server", NOW.minus(java.time.Duration.ofDays(1)), NOW, "renew it"));
    }
}
