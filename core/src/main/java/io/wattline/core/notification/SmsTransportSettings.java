package io.wattline.core.notification;

import java.time.Duration;
import java.util.Map;

/**
 * One configured way to send SMS. Secrets are never in the file: the SMPP password is a reference
 * ({@code ${ENV_NAME}} or {@code secret:name}, resolved by core's {@code Secrets}), the SIM PIN is
 * named by {@code pinEnv}, and HTTP templates say {@code {env:NAME}}.
 */
public sealed interface SmsTransportSettings {

    String id();

    /** Most SMS (message parts) a second this transport may hand on. */
    double messagesPerSecond();

    /**
     * An SMSC reached over SMPP 3.4, bound as a transceiver (sends, and receives replies and receipts).
     *
     * @param password a reference to the password ({@code ${ENV_NAME}} or {@code secret:name}); null for none
     */
    record Smpp(String id, String host, int port, String systemId, String password, String systemType,
            String sourceAddress, double messagesPerSecond, Duration enquireLink, Duration reconnectDelay,
            boolean deliveryReceipts) implements SmsTransportSettings {
    }

    /** A GSM modem on a serial line, driven with AT commands in PDU mode. */
    record Modem(String id, String device, int baudRate, String pinEnv, double messagesPerSecond,
            Duration commandTimeout) implements SmsTransportSettings {
    }

    /**
     * A cloud SMS provider's HTTP API: one request a message from a template whose placeholders are
     * {@code {to}}, {@code {text}}, {@code {reference}} and {@code {env:NAME}}.
     *
     * @param encoding         how {@code {text}} and {@code {to}} are escaped in the body: {@code json} or {@code form}
     * @param successPattern   a regular expression the answer's body must contain (empty: any 2xx answer is success)
     * @param messageIdPattern a regular expression whose first group is the provider's message id (may be empty)
     */
    record Http(String id, String url, String method, Map<String, String> headers, String body, String encoding,
            String successPattern, String messageIdPattern, double messagesPerSecond, Duration timeout)
            implements SmsTransportSettings {

        public Http {
            headers = Map.copyOf(headers);
        }
    }
}
