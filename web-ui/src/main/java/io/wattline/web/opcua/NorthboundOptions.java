package io.wattline.web.opcua;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * How the north-bound OPC UA server listens and whom it lets in.
 *
 * @param bindAddress     e.g. {@code 0.0.0.0}, or {@code 127.0.0.1} for local clients only
 * @param hostname        the host name advertised in endpoint URLs
 * @param users           user name → password; empty means anonymous only
 * @param allowAnonymous  whether anonymous sessions are accepted next to the users
 * @param trustAllClients accept any client application certificate on secured endpoints (demo only);
 *                        otherwise clients must be in {@code dataDir/opcua/server-pki/trusted/certs}
 * @param dataDir         the server certificate is kept in {@code dataDir/opcua/}
 * @param accounts        checks a user name and password against the application's users (any role
 *                        may read; nobody writes), or null for none
 */
public record NorthboundOptions(String bindAddress, String hostname, int port, Map<String, String> users,
        boolean allowAnonymous, boolean trustAllClients, Path dataDir, BiPredicate<String, String> accounts) {

    public NorthboundOptions(String bindAddress, String hostname, int port, Map<String, String> users,
            boolean allowAnonymous, boolean trustAllClients, Path dataDir) {
        this(bindAddress, hostname, port, users, allowAnonymous, trustAllClients, dataDir, null);
    }

    public NorthboundOptions {
        users = Map.copyOf(users);
        if (!allowAnonymous && users.isEmpty() && accounts == null) {
            throw new IllegalArgumentException("the OPC UA server admits nobody: allow anonymous sessions or"
                    + " configure wattline.opcua.server.users");
        }
    }

    /** Whether sessions may sign in with a user name and password. */
    public boolean hasUsers() {
        return !users.isEmpty() || accounts != null;
    }

    /** {@code opc.tcp://host:port/wattline}. */
    public String endpointUrl() {
        return "opc.tcp://" + hostname + ":" + port + NorthboundServer.PATH;
    }
}
