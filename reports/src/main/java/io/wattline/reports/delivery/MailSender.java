package io.wattline.reports.delivery;

import io.wattline.core.report.SmtpSettings;
import io.wattline.core.secrets.Secrets;
import io.wattline.reports.archive.ReportArchive;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Sends a report run's files by e-mail through the configured SMTP server (Jakarta Mail): STARTTLS
 * required unless the settings say {@code ssl} or {@code none}; the password from the environment
 * variable the settings name, never from a file or a log.
 */
public final class MailSender {

    private final SmtpSettings smtp;
    private final Secrets secrets;

    /** @param secrets resolves the password's reference ({@code ${ENV}} or {@code secret:name}) */
    public MailSender(SmtpSettings smtp, Secrets secrets) {
        this.smtp = smtp;
        this.secrets = secrets;
    }

    /** @throws MessagingException when the server refuses or cannot be reached; nothing is retried here */
    public void send(List<String> recipients, String subject, String body, List<ReportArchive.NewFile> files)
            throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        switch (smtp.security()) {
            case "ssl" -> p.put("mail.smtp.ssl.enable", "true");
            case "none" -> p.put("mail.smtp.starttls.enable", "false");
            default -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
        }
        Authenticator auth = null;
        if (smtp.username() != null) {
            if (smtp.password() == null) {
                throw new MessagingException("SMTP user " + smtp.username() + " needs a password: set"
                        + " reports.smtp.password to ${ENV_NAME} or secret:name (docs/security.md)");
            }
            String password;
            try {
                password = secrets.resolve(smtp.password(), "reports.smtp.password");
            } catch (RuntimeException e) {
                throw new MessagingException("SMTP user " + smtp.username() + ": " + e.getMessage());
            }
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.username(), password);
                }
            };
        }
        Session session = Session.getInstance(p, auth);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(smtp.from()));
        for (String r : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(r));
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, StandardCharsets.UTF_8.name());
        parts.addBodyPart(text);
        for (ReportArchive.NewFile f : files) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(f.content(), mediaType(f.format()))));
            attachment.setFileName(f.name());
            parts.addBodyPart(attachment);
        }
        message.setContent(parts);
        Transport.send(message);
    }

    private static String mediaType(String format) {
        return io.wattline.core.report.ReportFormat.parse(format).mediaType();
    }
}
