package io.wattline.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.wattline.core.report.ReportDefinition;
import io.wattline.core.report.ReportFormat;
import io.wattline.core.report.ReportScope;
import io.wattline.core.report.ReportSettings;
import io.wattline.core.report.ReportType;
import io.wattline.core.report.SmtpSettings;
import io.wattline.reports.archive.ArchivedRun;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail delivery against GreenMail, a real SMTP server run in-process on a free loopback port: the
 * report's files arrive as attachments with a Chinese subject, the password comes from the named
 * environment variable, the delivery and a failed one are in the audit log, and a folder gets a copy.
 */
class MailDeliveryTest {

    @TempDir
    static Path data;

    private static FixtureMonth month;
    private GreenMail smtp;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T02:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void open() throws Exception {
        month = FixtureMonth.open(data);
    }

    @AfterAll
    static void close() {
        month.close();
    }

    @BeforeEach
    void startServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("energy@example.com", "energy", "s3cret");
        smtp.start();
    }

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    private ReportSettings settings(Path folder) {
        return settings(folder, "${WATTLINE_TEST_SMTP_PASSWORD}");
    }

    private ReportSettings settings(Path folder, String passwordReference) {
        SmtpSettings server = new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), "energy@example.com", "energy",
                passwordReference, "none");
        ReportDefinition def = new ReportDefinition("monthly", "月度成本", ReportType.MONTHLY_COST, ReportScope.SITE, null,
                List.of(ReportFormat.PDF, ReportFormat.CSV), "zh-CN", List.of("finance@example.com", "cfo@example.com"),
                folder == null ? null : folder.toString(), 1.0, null, 3);
        return new ReportSettings(List.of(def), Optional.of(server));
    }

    @Test
    void theFilesArriveAsAttachmentsAndTheDeliveryIsAudited(@TempDir Path folder) throws Exception {
        List<String> audit = new ArrayList<>();
        ReportService service = month.service(CLOCK, (a, action, target, detail) -> audit.add(action + " " + detail),
                Map.of("WATTLINE_TEST_SMTP_PASSWORD", "s3cret")::get, settings(folder));
        ArchivedRun run = service.run("monthly", "2026-02", "finance", ReportService.Trigger.ON_DEMAND);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient");
        MimeMessage m = received[0];
        assertEquals("Fixture works 测试工厂 · 月度成本 · 2026-02", m.getSubject());
        Multipart parts = (Multipart) m.getContent();
        List<String> attachments = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                attachments.add(parts.getBodyPart(i).getFileName());
            }
        }
        assertEquals(List.of("monthly-2026-02.pdf", "monthly-2026-02.csv"), attachments);
        assertTrue(audit.contains("report.email sent to finance@example.com, cfo@example.com via 127.0.0.1"), audit::toString);
        assertTrue(audit.stream().anyMatch(a -> a.startsWith("report.folder copied to")), audit::toString);
        assertTrue(Files.isRegularFile(folder.resolve("monthly-2026-02.pdf")), "a copy in the folder");
        assertEquals(List.of("email finance@example.com, cfo@example.com", "folder " + folder.toAbsolutePath()),
                month.archive.run(run.id()).orElseThrow().deliveries());
    }

    @Test
    void aMissingPasswordFailsTheDeliveryNotTheRun() throws Exception {
        List<String> audit = new ArrayList<>();
        ReportService service = month.service(CLOCK, (a, action, target, detail) -> audit.add(action + " " + detail),
                name -> null, settings(null));
        ArchivedRun run = service.run("monthly", "2026-02", "finance", ReportService.Trigger.ON_DEMAND);
        assertEquals(0, smtp.getReceivedMessages().length);
        assertTrue(audit.stream().anyMatch(a -> a.startsWith("report.email.failed")
                && a.contains("environment variable WATTLINE_TEST_SMTP_PASSWORD is not set")), audit::toString);
        assertTrue(month.archive.file(run.id(), "monthly-2026-02.pdf").isPresent(), "the run is archived all the same");
    }

    @Test
    void thePasswordCanComeFromTheSecretsFile() throws Exception {
        Path secrets = data.resolve(io.wattline.core.secrets.Secrets.FILE);
        Files.createDirectories(secrets.getParent());
        Files.writeString(secrets, "smtp-energy=s3cret\n");
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        List<String> audit = new ArrayList<>();
        try {
            ReportService service = month.service(CLOCK, (a, action, target, detail) -> audit.add(action + " " + detail),
                    name -> null, settings(null, "secret:smtp-energy"));
            service.run("monthly", "2026-02", "finance", ReportService.Trigger.ON_DEMAND);
            assertEquals(2, smtp.getReceivedMessages().length, "signed in with the secret: " + audit);
            assertTrue(audit.stream().noneMatch(a -> a.contains("s3cret")), "the secret is never audited: " + audit);
        } finally {
            Files.delete(secrets);
        }
    }
}
