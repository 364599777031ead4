package io.wattline.collector.opcua;

import static io.wattline.collector.opcua.NodeOpcUaSetups.METER;
import static io.wattline.collector.opcua.NodeOpcUaSetups.NONE;
import static io.wattline.collector.opcua.NodeOpcUaSetups.collector;
import static io.wattline.collector.opcua.NodeOpcUaSetups.id;
import static io.wattline.collector.opcua.NodeOpcUaSetups.point;
import static io.wattline.collector.opcua.NodeOpcUaSetups.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.LogLines;
import io.wattline.collector.support.NodeOpcUaPeer;
import io.wattline.collector.support.NodeOpcUaTestCase;
import io.wattline.collector.support.Peers;
import io.wattline.collector.support.SilentServer;
import io.wattline.core.Quality;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.device.DeviceDiagnostics.CertificateStatus;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures and reasons {@code /api/devices} shows for an OPC UA device, against node-opcua and
 * real sockets: latency is the round trip of service calls (not a constant value's age), a failed
 * connect names its real reason (refused, timeout, user rejected, no anonymous login, no matching
 * endpoint) with the next attempt, and each problem is one WARN line however often it is retried.
 */
@Tag("integration")
class OpcUaDeviceFiguresIntegrationTest extends NodeOpcUaTestCase {

    private static final OpcUaProfile PROFILE = profile(List.of(
            point("temperature", Quantity.TEMPERATURE, "Temperature"),
            point("power", Quantity.ACTIVE_POWER, "Power")));

    @Test
    void latencyIsTheRoundTripOfServiceCallsNotTheAgeOfAConstantValue() throws Exception {
        int port = Peers.freePort();
        SampleBus bus = new SampleBus();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start();
                OpcUaCollector collector = collector(temp.resolve("data"), port, NONE, PROFILE, bus)) {
            DeviceHealth before = collector.health(METER).orElseThrow();
            assertNull(before.latencyMeanMs(), "unknown before any call: null, not NaN");
            assertNull(before.successRatio());
            collector.start();
            // The constant's one notification carries the time the server set it: let it grow old.
            Sample constant = Await.until(() -> bus.latest().get(id("temperature")),
                    s -> s.isGood() && Duration.between(s.time(), Instant.now()).toSeconds() >= 6,
                    Duration.ofSeconds(40), "the constant temperature, at least 6 s old");
            DeviceHealth h = Await.until(() -> collector.health(METER).orElseThrow(), d -> d.latencyMeanMs() != null,
                    Duration.ofSeconds(10), "a latency figure");
            double age = Duration.between(constant.time(), Instant.now()).toMillis();
            assertTrue(h.latencyMeanMs() < age && h.latencyP95Ms() < age, "latency " + h.latencyMeanMs() + " / p95 "
                    + h.latencyP95Ms() + " ms is a round trip, not the constant's age of " + age + " ms");
            assertTrue(h.latencyMeanMs() >= 0, h.toString());
            assertEquals(1.0, h.successRatio());
            assertEquals(DeviceState.ONLINE, h.state());
            assertNull(h.nextProbeTime(), "no next attempt while online");
            CertificateStatus ours = collector.diagnostics(METER).orElseThrow().certificates().get(0);
            assertEquals("application", ours.role());
            assertTrue(ours.notAfter().isAfter(Instant.now().plus(Duration.ofDays(9 * 365))), ours.toString());
            assertNull(ours.warning(), "years left: no warning");
        }
    }

    @Test
    void aRefusedConnectionSaysSoWithTheNextAttemptInOneLogLine() throws Exception {
        int port = Peers.freePort();
        assertFailure(port, NONE, "cannot reach opc.tcp://127.0.0.1:" + port + "/wattline-test: Connection refused",
                "cannot reach");
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            assertFailure(silent.port(), NONE, "no answer from opc.tcp://127.0.0.1:" + silent.port()
                    + "/wattline-test in time (timeout", "no answer from");
        }
    }

    @Test
    void aWrongPasswordIsAUserRejected() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg"), "--user", "alice:s3cret").start()) {
            OpcUaEndpoint wrong = new OpcUaEndpoint("/wattline-test", "None", "None", "alice", "guess", null, false, true);
            assertFailure(port, wrong, "server " + server.url() + " rejected user 'alice' (Bad_UserAccessDenied)",
                    "rejected user");
        }
    }

    @Test
    void anAnonymousSessionWhereOnlyUsersMayLogInSaysWhatToConfigure() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg"), "--user", "alice:s3cret").start()) {
            assertFailure(port, NONE, "server " + server.url() + " accepts no anonymous session on its None/None"
                    + " endpoint: configure opcua.username and opcua.password", "no anonymous");
        }
    }

    @Test
    void noEndpointWithTheConfiguredSecurityListsWhatTheServerOffers() throws Exception {
        int port = Peers.freePort();
        try (NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg"), "--only-none").start()) {
            OpcUaEndpoint signed = new OpcUaEndpoint("/wattline-test", "Basic256Sha256", "Sign", null, null, null,
                    false);
            assertFailure(port, signed, "cannot connect to " + server.url()
                    + ": server offers no endpoint with Basic256Sha256/Sign (it offers None/None)", "offers no endpoint");
        }
    }

    @Test
    void aServerStoppedWhileConnectedIsCannotReachWithTheNextAttemptNotSessionLost() throws Exception {
        int port = Peers.freePort();
        SampleBus bus = new SampleBus();
        NodeOpcUaPeer server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start();
        try (LogLines log = new LogLines();
                OpcUaCollector collector = collector(temp.resolve("data"), port, NONE, PROFILE, bus)) {
            collector.start();
            Await.until(() -> bus.latest().get(id("power")), Sample::isGood, Duration.ofSeconds(30), "GOOD power");
            server.kill();
            DeviceHealth h = Await.until(() -> collector.health(METER).orElseThrow(),
                    d -> d.lastError() != null && d.lastError().startsWith("cannot reach") && d.failures() >= 4,
                    Duration.ofSeconds(40), "cannot reach, tried four times");
            assertEquals(DeviceState.OFFLINE, h.state());
            assertNotNull(h.nextProbeTime(), "the next attempt is shown: " + h);
            assertEquals(1, log.warnings("OpcUaConnection", "cannot reach").size(),
                    "one line for the outage: " + log.warnings("OpcUaConnection", ""));
            assertEquals(Quality.UNCERTAIN, bus.latest().get(id("power")).quality(), "last value kept, stale");
            assertTrue(collector.diagnostics(METER).orElseThrow().recentErrors().stream()
                    .anyMatch(e -> e.message().startsWith("cannot reach") && e.time() != null), "in the recent errors");

            server = new NodeOpcUaPeer(port, temp.resolve("xdg")).start();
            Await.until(() -> collector.health(METER).orElseThrow(), d -> d.state() == DeviceState.ONLINE,
                    Duration.ofSeconds(40), "ONLINE again");
            assertNull(collector.health(METER).orElseThrow().nextProbeTime());
        } finally {
            server.close();
        }
    }

    /**
     * Starts a collector for {@code port}, waits for three failed attempts and checks the health's
     * reason, the next attempt, the points' reason and that the problem was logged once.
     */
    private void assertFailure(int port, OpcUaEndpoint endpoint, String reasonStart, String logged) throws Exception {
        SampleBus bus = new SampleBus();
        try (LogLines log = new LogLines();
                OpcUaCollector collector = collector(temp.resolve("data"), port, endpoint, PROFILE, bus)) {
            collector.start();
            DeviceHealth h = Await.until(() -> collector.health(METER).orElseThrow(), d -> d.failures() >= 3,
                    Duration.ofSeconds(60), "three failed connects");
            assertTrue(h.lastError().startsWith(reasonStart), "expected '" + reasonStart + "...', got: " + h.lastError());
            assertEquals(DeviceState.OFFLINE, h.state());
            assertNotNull(h.nextProbeTime(), "the next attempt is shown");
            assertNotNull(h.lastErrorTime());
            Sample power = bus.latest().get(id("power"));
            assertEquals(Quality.BAD, power.quality());
            assertEquals(h.lastError(), power.reason(), "the points say why too");
            assertEquals(1, log.warnings("OpcUaConnection", logged).size(),
                    "one WARN line, not one per attempt: " + log.warnings("OpcUaConnection", ""));
        }
    }
}
