package io.wattline.notify;

import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.core.secrets.Secrets;
import io.wattline.notify.http.HttpSmsTransport;
import io.wattline.notify.modem.ModemTransport;
import io.wattline.notify.smpp.SmppTransport;
import io.wattline.notify.sms.SmsTransport;
import java.util.function.Function;

/**
 * Builds the transport a channel's settings describe, with its secrets: the SMPP password from its
 * reference ({@code ${ENV}} or {@code secret:name}), the SIM PIN from the environment.
 */
final class SmsTransports {

    private SmsTransports() {
    }

    static SmsTransport create(SmsTransportSettings settings, Function<String, String> environment, Secrets secrets) {
        if (settings instanceof SmsTransportSettings.Smpp s) {
            String password = s.password() == null ? ""
                    : secrets.resolve(s.password(), "SMS transport " + s.id() + ": password");
            return new SmppTransport(s, password);
        }
        if (settings instanceof SmsTransportSettings.Modem m) {
            return new ModemTransport(m, m.pinEnv() == null ? null : secret(m.pinEnv(), environment, m.id()));
        }
        if (settings instanceof SmsTransportSettings.Http h) {
            return new HttpSmsTransport(h, environment);
        }
        throw new IllegalArgumentException("transport " + settings.id() + " is not supported yet");
    }

    private static String secret(String variable, Function<String, String> environment, String transport) {
        if (variable == null || variable.isEmpty()) {
            return "";
        }
        String value = environment.apply(variable);
        if (value == null) {
            throw new IllegalStateException("SMS transport " + transport + ": environment variable " + variable
                    + " is not set (it holds the password; set it before starting Wattline)");
        }
        return value;
    }
}
