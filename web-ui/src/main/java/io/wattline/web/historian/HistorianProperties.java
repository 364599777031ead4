package io.wattline.web.historian;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code wattline.historian.*}: local raw retention and the optional InfluxDB target. Set them as
 * properties or environment variables ({@code WATTLINE_HISTORIAN_INFLUX_URL},
 * {@code WATTLINE_HISTORIAN_INFLUX_PASSWORD}, ...), which keeps credentials out of the plant file.
 *
 * @param rawRetention how long raw samples stay in the local store (rollups are kept for ever)
 * @param influx       InfluxDB to forward to; no {@code url} means none
 * @param minFree      low-space watermark of the data volume ({@code auto}: the smaller of 200 MB
 *                     and 1 % of the volume; {@code 0}: none); below it writing, imports and
 *                     production entries are held (docs/configuration.md#sizing)
 * @param memoryLimit  DuckDB {@code memory_limit} ({@code 0}: DuckDB's default, 80 % of RAM)
 * @param threads      DuckDB worker threads ({@code 0}: one per core)
 */
@ConfigurationProperties(prefix = "wattline.historian")
public record HistorianProperties(
        @DefaultValue("30d") Duration rawRetention,
        @DefaultValue Influx influx,
        @DefaultValue("auto") String minFree,
        @DefaultValue("128MB") DataSize memoryLimit,
        @DefaultValue("2") int threads) {

    /** {@link #minFree} in bytes, {@code HistorianOptions.AUTO_MIN_FREE} for {@code auto}. */
    public long minFreeBytes() {
        if (minFree == null || minFree.isBlank() || minFree.strip().equalsIgnoreCase("auto")) {
            return io.wattline.historian.HistorianOptions.AUTO_MIN_FREE;
        }
        try {
            return DataSize.parse(minFree.strip()).toBytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wattline.historian.min-free: expected 'auto' or a size such as 200MB,"
                    + " was '" + minFree + "'", e);
        }
    }

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

        /**
         * These settings with the user, password and token references ({@code ${ENV_NAME}},
         * {@code secret:name}) replaced by what they stand for; literals stay as they are.
         */
        public Influx resolved(io.wattline.core.secrets.Secrets secrets) {
            return new Influx(url, database, retentionPolicy,
                    secrets.resolve(username, "wattline.historian.influx.username"),
                    secrets.resolve(password, "wattline.historian.influx.password"),
                    secrets.resolve(token, "wattline.historian.influx.token"), measurement, site, systemOfRecord);
        }

        @Override
        public String toString() {
            // never print the password or the token
            return "Influx[url=" + io.wattline.core.CredentialMask.mask(String.valueOf(url))
                    + ", database=" + database + ", user=" + username + "]";
        }
    }
}
