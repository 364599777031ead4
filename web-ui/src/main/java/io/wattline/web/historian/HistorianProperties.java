package io.wattline.web.historian;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattline.historian.*}: local raw retention and the optional InfluxDB target. Set them as
 * properties or environment variables ({@code WATTLINE_HISTORIAN_INFLUX_URL},
 * {@code WATTLINE_HISTORIAN_INFLUX_PASSWORD}, ...), which keeps credentials out of the plant file.
 *
 * @param rawRetention how long raw samples stay in the local store (rollups are kept for ever)
 * @param influx       InfluxDB to forward to; no {@code url} means none
 */
@ConfigurationProperties(prefix = "wattline.historian")
public record HistorianProperties(
        @DefaultValue("30d") Duration rawRetention,
        @DefaultValue Influx influx) {

    /**
     * @param url            base URL ({@code http://host:8086}); empty: no forwarding
     * @param database       database (2.x: the bucket of a DBRP mapping)
     * @param retentionPolicy empty for the database's default
     * @param site           value of the {@code site} tag; empty: the plant's first site id
     * @param systemOfRecord serve raw reads older than the local retention from InfluxDB
     */
    public record Influx(
            URI url,
            @DefaultValue("wattline") String database,
            String retentionPolicy,
            String username,
            String password,
            String token,
            String measurement,
            String site,
            @DefaultValue("false") boolean systemOfRecord) {

        public boolean configured() {
            return url != null && !url.toString().isBlank();
        }

        @Override
        public String toString() {
            // never print the password or the token
            return "Influx[url=" + url + ", database=" + database + ", user=" + username + "]";
        }
    }
}
