package io.wattline.core.report;

/**
 * The mail server reports are sent through. The password is never in the file: {@code passwordEnv}
 * names the environment variable that holds it.
 *
 * @param security {@code starttls} (required), {@code ssl} (implicit TLS) or {@code none} (a relay on this host)
 */
public record SmtpSettings(String host, int port, String from, String username, String passwordEnv,
        String security) {
}
