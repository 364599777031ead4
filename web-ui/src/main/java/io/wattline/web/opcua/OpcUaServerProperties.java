package io.wattline.web.opcua;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code wattline.opcua.server.*} properties of the north-bound OPC UA server.
 *
 * @param enabled         start the server (off unless set)
 * @param port            TCP port, 4840 by default (the OPC UA port)
 * @param bindAddress     {@code 0.0.0.0} for every interface
 * @param hostname        host name in the advertised endpoint URLs; this machine's name when empty
 * @param users           {@code wattline.opcua.server.users.<name>=<password>}, next to the application's users
 * @param allowAnonymous  anonymous sessions (over None too); by default only on the demo
 * @param trustAllClients accept any client certificate on Basic256Sha256 endpoints (demo only)
 */
@ConfigurationProperties(prefix = "wattline.opcua.server")
public record OpcUaServerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("4840") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        String hostname,
        Map<String, String> users,
        Boolean allowAnonymous,
        @DefaultValue("false") boolean trustAllClients) {

    public OpcUaServerProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }
}
