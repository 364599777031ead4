package io.wattline.collector.opcua;

import static io.wattline.collector.opcua.NodeOpcUaSetups.trustServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.LogLines;
import io.wattline.collector.support.NodeOpcUaPeer;
import io.wattline.collector.support.NodeOpcUaTestCase;
import io.wattline.collector.support.Peers;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.testkit.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Host name and application URI checks of a trusted server certificate, against a real node-opcua
 * server: a certificate issued for another host (or another application) is refused with the reason
 * on the device, in English and Chinese; the one issued for 127.0.0.1 is accepted; the per-connection
 * opt-out connects and says so once in the log.
 */
@Tag("integration")
class OpcUaServerHostnameCheckIntegrationTest extends NodeOpcUaTestCase {

    private static final OpcUaProfile PROFILE = NodeOpcUaSetups.profile(List.of(
            NodeOpcUaSetups.point("power", Quantity.ACTIVE_POWER, "Power")));
    private static final PointId POWER = NodeOpcUaSetups.id("power");
    private static final OpcUaEndpoint SECURE = new OpcUaEndpoint("/wattline-test", "Basic256Sha256",
            "SignAndEncrypt", null, null, null, false);
    private static final String[] ELSEWHERE = {"--cert-dns", "plc7.elsewhere.example", "--cert-ip", "192.0.2.77"};

    @Test
    void aCertificateForAnotherHostIsRefusedWithTheReasonOnTheDevice() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg"), ELSEWHERE).start()) {
            trustServer(server.certificate(), temp.resolve("data/opcua/pki"));
            SampleBus bus = new SampleBus();
            try (OpcUaCollector collector = NodeOpcUaSetups.collector(temp.resolve("data"), port, SECURE, PROFILE,
                    bus)) {
                collector.start();
                DeviceHealth h = Await.until(() -> collector.health(NodeOpcUaSetups.METER).orElseThrow(),
                        d -> d.failures() >= 1, Duration.ofSeconds(30), "a refused connect");
                assertEquals(DeviceState.OFFLINE, h.state());
                String why = h.lastError();
                assertTrue(why.contains("is not issued for host 127.0.0.1"), why);
                assertTrue(why.contains("DNS plc7.elsewhere.example") && why.contains("IP 192.0.2.77"),
                        "names what the certificate holds: " + why);
                assertTrue(why.contains("opcua.checkServerHostname: false"), "says how to opt out: " + why);
                assertTrue(why.contains("服务器证书不包含主机名"), "in Chinese too: " + why);
                Sample power = bus.latest().get(POWER);
                assertNotNull(power, "the point shows up, BAD, with the reason");
                assertEquals(Quality.BAD, power.quality());
                assertTrue(power.reason().contains("is not issued for host"), power.reason());
            }
        }
    }

    @Test
    void aCertificateForAnotherApplicationIsRefused() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg"), "--cert-uri",
                "urn:impostor:other-server").start()) {
            trustServer(server.certificate(), temp.resolve("data/opcua/pki"));
            try (OpcUaCollector collector = NodeOpcUaSetups.collector(temp.resolve("data"), port, SECURE, PROFILE,
                    new SampleBus())) {
                collector.start();
                DeviceHealth h = Await.until(() -> collector.health(NodeOpcUaSetups.METER).orElseThrow(),
                        d -> d.failures() >= 1, Duration.ofSeconds(30), "a refused connect");
                String why = h.lastError();
                assertTrue(why.contains("is not issued for application urn:wattline-test:node-opcua"), why);
                assertTrue(why.contains("urn:impostor:other-server"), "names the certificate's URI: " + why);
                assertTrue(why.contains("应用 URI"), "in Chinese too: " + why);
            }
        }
    }

    @Test
    void aCertificateForTheHostWeConnectToIsAccepted() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start()) {
            trustServer(server.certificate(), temp.resolve("data/opcua/pki"));
            SampleBus bus = new SampleBus();
            try (OpcUaCollector collector = NodeOpcUaSetups.collector(temp.resolve("data"), port, SECURE, PROFILE,
                    bus)) {
                collector.start();
                Await.until(() -> bus.latest().get(POWER), s -> s != null && s.isGood(), Duration.ofSeconds(30),
                        "a good power value over Basic256Sha256 with the host name checked");
                assertEquals(DeviceState.ONLINE, collector.health(NodeOpcUaSetups.METER).orElseThrow().state());
            }
        }
    }

    @Test
    void theOptOutConnectsToAMismatchedCertificateAndSaysSoOnce() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg"), ELSEWHERE).start();
                LogLines log = new LogLines()) {
            trustServer(server.certificate(), temp.resolve("data/opcua/pki"));
            SampleBus bus = new SampleBus();
            OpcUaEndpoint unchecked = SECURE.withServerHostnameCheck(false);
            try (OpcUaCollector collector = NodeOpcUaSetups.collector(temp.resolve("data"), port, unchecked, PROFILE,
                    bus)) {
                collector.start();
                Await.until(() -> bus.latest().get(POWER), s -> s != null && s.isGood(), Duration.ofSeconds(30),
                        "a good power value with the host name check turned off");
            }
            assertEquals(1, log.warnings("OpcUaConnection", "checkServerHostname: false").size(),
                    "the opt-out is logged once per connection");
            assertTrue(log.matching(l -> l.contains("check suppressed")).isEmpty(),
                    "no 'check suppressed' line from the stack per connect");
            assertFalse(log.matching(l -> l.contains("is not issued for")).size() > 0, "no refusal logged");
        }
    }
}
