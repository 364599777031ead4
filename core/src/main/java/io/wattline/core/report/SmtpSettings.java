package io.wattline.core.report;

/**
 * The mail server reports are sent through. The password is never in the file, only a reference to
 * it ({@code ${ENV_NAME}} or {@code secret:name}, resolved by core's {@code Secrets}).
 *
 * @param password a reference to the password; null when the server needs none
 * @param security {@code starttls} (required), {@code ssl} (implicit TLS) or {@code none} (a relay on this host)
 */
public record SmtpSettings(String host, int port, String from, String username, String password,
        String security) {
}
