package io.wattline.historian.influx;

import io.wattline.core.CredentialMask;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where and how to reach InfluxDB through its v1 API ({@code /write}, {@code /query}), which 1.x
 * serves natively, 2.x through its v1 compatibility API and 3.x natively.
 *
 * @param url base URL, e.g. {@code http://influx.plant.local:8086}
 * @param database database (2.x: the bucket mapped by a DBRP mapping)
 * @param retentionPolicy retention policy, empty for the database's default
 * @param username user for basic authentication, empty for none
 * @param password password for {@code username}
 * @param token API token (2.x/3.x; sent as {@code Authorization: Token ...}), empty for none;
 *     takes precedence over username/password
 * @param measurement measurement all lines are written to (default {@code wattline})
 * @param site value of the {@code site} tag: the plant's stable site id
 * @param systemOfRecord whether raw reads older than the local retention are served from InfluxDB
 */
public record InfluxOptions(URI url, String database, String retentionPolicy, String username, String password,
        String token, String measurement, String site, boolean systemOfRecord) {

    public static final String DEFAULT_MEASUREMENT = "wattline";

    /**
     * Credentials written into the URL ({@code http://user:password@host:8086}) are taken out of it:
     * they become {@code username} and {@code password} (unless those are set), and the URL kept,
     * logged and shown in the status has none.
     */
    public InfluxOptions {
        Objects.requireNonNull(url, "url");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (url.getRawUserInfo() != null) {
            String[] userInfo = url.getRawUserInfo().split(":", 2);
            if (username.isEmpty()) {
                username = URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8);
                if (password.isEmpty() && userInfo.length > 1) {
                    password = URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8);
                }
            }
            url = withoutUserInfo(url);
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("InfluxDB url must be http://host:port or https://host:port, was '"
                    + maskCredentials(String.valueOf(url)) + "'");
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("InfluxDB database must not be empty (url " + url + ")");
        }
        if (site == null || site.isBlank()) {
            throw new IllegalArgumentException("InfluxDB site tag must not be empty (url " + url + ")");
        }
        retentionPolicy = retentionPolicy == null ? "" : retentionPolicy;
        token = token == null ? "" : token;
        measurement = measurement == null || measurement.isBlank() ? DEFAULT_MEASUREMENT : measurement;
    }

    /** {@code text} with the credentials of every URL in it replaced by {@code ***} (for logs, errors, status). */
    public static String maskCredentials(String text) {
        return CredentialMask.mask(text);
    }

    private static URI withoutUserInfo(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("InfluxDB url cannot be read: " + maskCredentials(url.toString()), e);
        }
    }

    /** Unauthenticated InfluxDB at {@code url}, default retention policy and measurement. */
    public static InfluxOptions of(URI url, String database, String site) {
        return new InfluxOptions(url, database, "", "", "", "", DEFAULT_MEASUREMENT, site, false);
    }

    public InfluxOptions withSystemOfRecord(boolean system) {
        return new InfluxOptions(url, database, retentionPolicy, username, password, token, measurement, site, system);
    }

    public InfluxOptions withCredentials(String user, String pass) {
        return new InfluxOptions(url, database, retentionPolicy, user, pass, token, measurement, site, systemOfRecord);
    }

    public InfluxOptions withToken(String apiToken) {
        return new InfluxOptions(url, database, retentionPolicy, username, password, apiToken, measurement, site,
                systemOfRecord);
    }

    /** For logs and status: URL, database and retention policy, never credentials. */
    public String describe() {
        return url + " db=" + database + (retentionPolicy.isEmpty() ? "" : " rp=" + retentionPolicy);
    }

    @Override
    public String toString() {
        return "InfluxOptions[" + describe() + ", measurement=" + measurement + ", site=" + site
                + ", user=" + (username.isEmpty() ? "-" : username) + ", password=" + (password.isEmpty() ? "-" : "***")
                + ", token=" + (token.isEmpty() ? "-" : "***") + ", systemOfRecord=" + systemOfRecord + "]";
    }
}
