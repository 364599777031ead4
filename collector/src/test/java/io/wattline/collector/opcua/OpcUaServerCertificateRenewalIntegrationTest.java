package io.wattline.collector.opcua;

import static io.wattline.collector.opcua.NodeOpcUaSetups.collector;
import static io.wattline.collector.opcua.NodeOpcUaSetups.id;
import static io.wattline.collector.opcua.NodeOpcUaSetups.point;
import static io.wattline.collector.opcua.NodeOpcUaSetups.profile;
import static io.wattline.collector.opcua.NodeOpcUaSetups.read;
import static io.wattline.collector.opcua.NodeOpcUaSetups.trustServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.support.LogLines;
import io.wattline.collector.support.NodeOpcUaPeer;
import io.wattline.collector.support.NodeOpcUaTestCase;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.RecordedBus;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PLC renews its certificate (the node-opcua server comes back on the same port with a new
 * certificate, Basic256Sha256 SignAndEncrypt): the device says so with the new thumbprint, the
 * certificate waits in rejected/, and once an operator trusts it the connection recovers without
 * restarting Wattline (new secure channel, fresh endpoint discovery). A new certificate trusted
 * ahead of the renewal is taken without any outage beyond the server's own restart.
 */
@Tag("integration")
class OpcUaServerCertificateRenewalIntegrationTest extends NodeOpcUaTestCase {

    private static final OpcUaProfile PROFILE = profile(List.of(point("power", Quantity.ACTIVE_POWER, "Power")));
    private static final PointId POWER = id("power");
    private static final OpcUaEndpoint SECURE = new OpcUaEndpoint("/wattline-test", "Basic256Sha256",
            "SignAndEncrypt", null, null, null, false);

    @Test
    void aRenewedCertificateIsReportedUntilTrustedThenTheConnectionRecoversWithoutRestart() throws Exception {
        int port = Peers.freePort();
        Path trust = temp.resolve("data/opcua/pki");
        NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg-old")).start();
        trustServer(server.certificate(), trust);
        try (RecordedBus bus = new RecordedBus();
                LogLines log = new LogLines();
                OpcUaCollector collector = collector(temp.resolve("data"), port, SECURE, PROFILE, bus.bus())) {
            server = renewWhileSubscribed(collector, bus, server);
            X509Certificate renewed = read(server.certificate());
            String thumbprint = CertificateFacts.thumbprint(renewed);
            DeviceHealth h = Await.until(() -> collector.health(NodeOpcUaSetups.METER).orElseThrow(),
                    d -> d.lastError() != null && d.lastError().startsWith("server certificate changed"),
                    Duration.ofSeconds(60), "the device to say the server certificate changed");
            assertEquals("server certificate changed: not trusted (thumbprint " + thumbprint + ", moved to rejected/); "
                    + "move it from " + trust + "/rejected to " + trust + "/trusted/certs if " + server.url()
                    + " renewed its certificate", h.lastError());
            assertEquals(DeviceState.OFFLINE, h.state());
            assertTrue(h.nextProbeTime() != null, "says when it tries again: " + h);
            Path rejected = Await.until(() -> rejected(trust, renewed), p -> true, Duration.ofSeconds(10),
                    "the renewed certificate in rejected/");

            // Not trusted: it stays that way, retried quietly (one WARN, not one per attempt).
            long failures = h.failures();
            Await.until(() -> collector.health(NodeOpcUaSetups.METER).orElseThrow(),
                    d -> d.failures() >= failures + 3, Duration.ofSeconds(30), "three more attempts");
            DeviceHealth still = collector.health(NodeOpcUaSetups.METER).orElseThrow();
            assertEquals(DeviceState.OFFLINE, still.state());
            assertTrue(still.lastError().startsWith("server certificate changed"), still.lastError());
            assertEquals(1, log.warnings("OpcUaConnection", "server certificate changed").size(),
                    "one log line for the change, not one per attempt: "
                            + log.warnings("OpcUaConnection", "server certificate changed"));
            assertEquals(Quality.UNCERTAIN, bus.latest(POWER).quality(), "last value kept, stale");

            // The operator checks it and moves it over: recovered without restarting anything.
            Files.move(rejected, trust.resolve("trusted/certs").resolve(rejected.getFileName()));
            Instant trusted = Instant.now();
            Await.until(() -> bus.distinctGood(POWER, trusted), n -> n >= 2, Duration.ofSeconds(60),
                    "GOOD power values once the renewed certificate is trusted");
            assertEquals(DeviceState.ONLINE, collector.health(NodeOpcUaSetups.METER).orElseThrow().state());
            assertEquals(thumbprint, serverThumbprint(collector), "the connection uses the renewed certificate");
        } finally {
            server.close();
        }
    }

    @Test
    void aRenewedCertificateTrustedAheadIsTakenAtOnce() throws Exception {
        int port = Peers.freePort();
        Path trust = temp.resolve("data/opcua/pki");
        // The renewed certificate exists (and is trusted) before the PLC switches to it.
        NodeOpcUaPeer renewedPeer = new NodeOpcUaPeer(port, temp.resolve("xdg-renewed")).start();
        X509Certificate renewed = trustServer(renewedPeer.certificate(), trust);
        renewedPeer.close();
        NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg-old")).start();
        trustServer(server.certificate(), trust);
        try (RecordedBus bus = new RecordedBus();
                LogLines log = new LogLines();
                OpcUaCollector collector = collector(temp.resolve("data"), port, SECURE, PROFILE, bus.bus())) {
            server = renewWhileSubscribed(collector, bus, server);
            Instant restarted = Instant.now();
            Await.until(() -> bus.distinctGood(POWER, restarted), n -> n >= 2, Duration.ofSeconds(60),
                    "GOOD power values with the renewed certificate, nobody touching anything");
            assertEquals(CertificateFacts.thumbprint(renewed), serverThumbprint(collector));
            assertTrue(log.warnings("OpcUaConnection", "not trusted").isEmpty(), "nothing was refused");
            assertNull(rejected(trust, renewed), "nothing lands in rejected/");
        } finally {
            server.close();
        }
    }

    /** Subscribes over the old certificate, then the PLC restarts with its renewed one (same port). */
    private NodeOpcUaPeer renewWhileSubscribed(OpcUaCollector collector, RecordedBus bus, NodeOpcUaPeer old)
            throws Exception {
        collector.start();
        Await.until(() -> bus.distinctGood(POWER, Instant.MIN), n -> n >= 2, Duration.ofSeconds(30),
                "GOOD power values over SignAndEncrypt with the old certificate");
        old.kill();
        return new NodeOpcUaPeer(old.port(), temp.resolve("xdg-renewed")).start();
    }

    private static String serverThumbprint(OpcUaCollector collector) {
        return collector.diagnostics(NodeOpcUaSetups.METER).orElseThrow().certificates().stream()
                .filter(c -> c.role().equals("server")).findFirst().orElseThrow().thumbprint();
    }

    /** The file in {@code trust/rejected} holding {@code certificate}, or null. */
    private static Path rejected(Path trust, X509Certificate certificate) {
        try (var files = Files.list(trust.resolve("rejected"))) {
            for (Path f : files.toList()) {
                if (CertificateFacts.thumbprint(read(f)).equals(CertificateFacts.thumbprint(certificate))) {
                    return f;
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
