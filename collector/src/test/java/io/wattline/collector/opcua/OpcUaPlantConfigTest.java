package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.support.TestCatalogues;
import io.wattline.config.ConfigException;
import io.wattline.config.PlantConfigLoader;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.plant.Plant;
import org.junit.jupiter.api.Test;

/** The plant file's {@code opcua} block and OPC UA meters, as the configuration loader reads them. */
class OpcUaPlantConfigTest {

    private static final String HEAD = """
            schemaVersion: 1
            plant: { name: p, timeZone: UTC }
            sites: [ { id: s1 } ]
            areas: [ { id: a1, site: s1 } ]
            lines: [ { id: line1, area: a1 } ]
            """;

    @Test
    void readsTheOpcUaBlockAndAcceptsAMeterWithAnOpcUaProfile() throws ConfigException {
        Plant plant = PlantConfigLoader.withBuiltInProfiles().parse("plant.yaml", HEAD + """
                connections:
                  - id: plc
                    type: opc-ua
                    host: 10.0.0.5
                    opcua:
                      path: /line-plc
                      securityPolicy: Basic256Sha256
                      securityMode: Sign
                      username: wattline
                      password: s3cret
                      trustDir: opcua/plc-trust
                  - id: plain
                    type: opc-ua
                    host: 10.0.0.6
                    port: 48010
                meters:
                  - { id: line1_plc, profile: wattline/line-plc, connection: plc, carrier: electricity, line: line1 }
                """);
        Connection plc = plant.connection("plc").orElseThrow();
        assertEquals(ConnectionType.OPC_UA, plc.type());
        assertEquals(4840, plc.port());
        assertEquals(new OpcUaEndpoint("/line-plc", "Basic256Sha256", "Sign", "wattline", "s3cret", "opcua/plc-trust",
                false), plc.opcUa());
        assertEquals("opc.tcp://10.0.0.5:4840/line-plc", plc.opcUa().url(plc.host(), plc.port()));
        assertTrue(!plc.toString().contains("s3cret"), "the password stays out of toString: " + plc);
        Connection plain = plant.connection("plain").orElseThrow();
        assertEquals(OpcUaEndpoint.anonymousNone(), plain.opcUa());
        assertNull(Connection.modbusTcp("m", "h", 502).opcUa());
        // The OPC UA collector finds the meter's OPC UA profile (it is not started: no server here).
        try (OpcUaCollector collector = new OpcUaCollector(
                TestCatalogues.ofOpcUa(plant, io.wattline.profiles.opcua.OpcUaProfileLoader.builtIn()::find),
                new io.wattline.collector.live.SampleBus(),
                java.time.Clock.systemUTC(), java.nio.file.Path.of("target/opcua-config-test"))) {
            assertEquals(4, collector.points().size());
            assertEquals("opc.tcp://10.0.0.5:4840/line-plc", collector.endpoints().get("plc"));
        }
    }

    @Test
    void aSecurityModeThatDoesNotFitThePolicyIsAnErrorWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> PlantConfigLoader.withBuiltInProfiles()
                .parse("plant.yaml", HEAD + """
                        connections:
                          - id: plc
                            type: opc-ua
                            host: 10.0.0.5
                            opcua: { securityPolicy: None, securityMode: SignAndEncrypt }
                          - id: gw
                            type: modbus-tcp
                            host: 10.0.0.7
                            opcua: { path: /x }
                        meters: []
                        """));
        String text = e.getMessage();
        assertTrue(text.contains("plant.yaml:10") && text.contains("does not go with policy None"), text);
        assertTrue(text.contains("plant.yaml:14") && text.contains("'opcua' does not apply"), text);
    }
}
