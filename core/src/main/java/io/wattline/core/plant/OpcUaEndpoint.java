package io.wattline.core.plant;

import java.util.Locale;

/**
 * How an OPC UA connection reaches its server: the endpoint path on the connection's host and
 * port, the security to insist on, the user (none means anonymous) and where trusted server
 * certificates live.
 *
 * @param path            endpoint path after {@code opc.tcp://host:port}, e.g. {@code /UA/Server}; empty for none
 * @param securityPolicy  {@code None} or {@code Basic256Sha256}
 * @param securityMode    {@code None}, {@code Sign} or {@code SignAndEncrypt}
 * @param username        null for an anonymous session
 * @param password        the user's password; null for anonymous
 * @param trustDir        directory of trusted server certificates (relative to the data directory); null for the default
 * @param trustAllServers accept any server certificate (the demo only; never in production)
 * @param allowPasswordWithoutSecurity send the user's password even over security None (readable by
 *                        anyone on the network and by an impostor server); off unless the plant file says so
 * @param checkServerHostname refuse a server certificate that does not name the host we connect to (DNS or IP
 *                        subject alternative name) or the application URI the server announces; on unless the
 *                        plant file turns it off for this connection
 */
public record OpcUaEndpoint(
        String path,
        String securityPolicy,
        String securityMode,
        String username,
        String password,
        String trustDir,
        boolean trustAllServers,
        boolean allowPasswordWithoutSecurity,
        boolean checkServerHostname) {

    /** An endpoint that checks the server certificate's host name and application URI. */
    public OpcUaEndpoint(String path, String securityPolicy, String securityMode, String username, String password,
            String trustDir, boolean trustAllServers, boolean allowPasswordWithoutSecurity) {
        this(path, securityPolicy, securityMode, username, password, trustDir, trustAllServers,
                allowPasswordWithoutSecurity, true);
    }

    /** An endpoint that never sends a password over security None. */
    public OpcUaEndpoint(String path, String securityPolicy, String securityMode, String username, String password,
            String trustDir, boolean trustAllServers) {
        this(path, securityPolicy, securityMode, username, password, trustDir, trustAllServers, false, true);
    }

    public OpcUaEndpoint {
        path = path == null ? "" : path;
        securityPolicy = securityPolicy == null ? "None" : securityPolicy;
        securityMode = securityMode == null ? ("None".equals(securityPolicy) ? "None" : "SignAndEncrypt") : securityMode;
        if ("None".equals(securityPolicy) != "None".equals(securityMode)) {
            throw new IllegalArgumentException("OPC UA security policy " + securityPolicy
                    + " does not go with security mode " + securityMode
                    + " (None goes with None; Basic256Sha256 with Sign or SignAndEncrypt)");
        }
    }

    /** Anonymous, unsecured: what an OPC UA connection without an {@code opcua} block means. */
    public static OpcUaEndpoint anonymousNone() {
        return new OpcUaEndpoint("", "None", "None", null, null, null, false);
    }

    /** The endpoint URL for a host and port, e.g. {@code opc.tcp://10.0.0.5:4840/UA/Server}. */
    public String url(String host, int port) {
        String p = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        return "opc.tcp://" + host + ":" + port + p;
    }

    /** The same endpoint with the password the configuration's reference stands for. */
    public OpcUaEndpoint withPassword(String resolved) {
        return new OpcUaEndpoint(path, securityPolicy, securityMode, username, resolved, trustDir, trustAllServers,
                allowPasswordWithoutSecurity, checkServerHostname);
    }

    /** The same endpoint with the server certificate's host name and URI checks on or off. */
    public OpcUaEndpoint withServerHostnameCheck(boolean check) {
        return new OpcUaEndpoint(path, securityPolicy, securityMode, username, password, trustDir, trustAllServers,
                allowPasswordWithoutSecurity, check);
    }

    /** True when a password would travel in clear: a user over security None. */
    public boolean passwordInClear() {
        return hasUser() && "None".equals(securityPolicy);
    }

    /** True when a user name is configured. */
    public boolean hasUser() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        // The password never reaches a log line.
        return "OpcUaEndpoint[path=" + path + ", security=" + securityPolicy + "/" + securityMode
                + ", user=" + (hasUser() ? username : "anonymous") + ", trustDir=" + trustDir
                + (trustAllServers ? ", trusting all servers" : "")
                + (allowPasswordWithoutSecurity ? ", password allowed without security" : "")
                + (checkServerHostname ? "" : ", server host name unchecked") + "]";
    }

    /** Lower-case key for logs and health entries, e.g. {@code basic256sha256/signandencrypt}. */
    public String securityKey() {
        return (securityPolicy + "/" + securityMode).toLowerCase(Locale.ROOT);
    }
}
