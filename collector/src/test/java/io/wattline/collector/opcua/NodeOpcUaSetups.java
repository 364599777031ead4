package io.wattline.collector.opcua;

import io.wattline.collector.live.SampleBus;
import io.wattline.collector.support.TestCatalogues;
import io.wattline.collector.support.TestPlants;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Connection;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the OPC UA integration tests set up against the node-opcua peer: a plant with one meter
 * {@code plc1} on connection {@code node1}, its profile, fast timing, and the server's trust.
 */
final class NodeOpcUaSetups {

    static final String METER = "plc1";
    static final String PROFILE_ID = "test/node-line";
    /** Quick backoff (250 ms to 2 s), 5 s calls, 30 s session, health points every 200 ms. */
    static final OpcUaCollectorOptions FAST = new OpcUaCollectorOptions(Duration.ofMillis(250),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofMillis(200));
    static final OpcUaEndpoint NONE = new OpcUaEndpoint("/wattline-test", "None", "None", null, null, null, false);

    private NodeOpcUaSetups() {
    }

    /** A point on a node of the peer's {@code Line1} folder (namespace 1), sampled every 200 ms. */
    static OpcUaPoint point(String name, Quantity quantity, String node) {
        return new OpcUaPoint(name, quantity, quantity.unit(), "ns=1;s=Line1." + node, null, Duration.ofMillis(200), 1,
                Deadband.NONE, 1, 0);
    }

    static OpcUaProfile profile(List<OpcUaPoint> points) {
        return new OpcUaProfile(PROFILE_ID, "test", "node-line", "node-opcua peer", points);
    }

    static PointId id(String point) {
        return new PointId(METER, point);
    }

    /** The collector of one meter with {@code profile}, data (certificate, trust list) under {@code data}. */
    static OpcUaCollector collector(Path data, int port, OpcUaEndpoint endpoint, OpcUaProfile profile,
            SampleBus bus, Clock clock) {
        return collector(data, port, endpoint, profile.id(), id -> find(profile, id), bus, clock);
    }

    /** The collector of one meter with profile {@code profileId}, looked up in {@code profiles}. */
    static OpcUaCollector collector(Path data, int port, OpcUaEndpoint endpoint, String profileId,
            Function<String, Optional<OpcUaProfile>> profiles, SampleBus bus, Clock clock) {
        Connection c = Connection.opcUa("node1", "127.0.0.1", port, endpoint);
        Meter m = TestPlants.meter(METER, profileId, "node1", 0, Map.of());
        Plant plant = TestPlants.plant(List.of(c), List.of(m));
        return new OpcUaCollector(TestCatalogues.ofOpcUa(plant, profiles), profiles, bus, clock, data, FAST);
    }

    static OpcUaCollector collector(Path data, int port, OpcUaEndpoint endpoint, OpcUaProfile profile, SampleBus bus) {
        return collector(data, port, endpoint, profile, bus, Clock.systemUTC());
    }

    private static Optional<OpcUaProfile> find(OpcUaProfile profile, String id) {
        return id.equals(profile.id()) ? Optional.of(profile) : Optional.empty();
    }

    /** Copies a PEM server certificate into a trust list as DER; returns the certificate. */
    static X509Certificate trustServer(Path pem, Path trustDir) throws Exception {
        Path certs = Files.createDirectories(trustDir.resolve("trusted/certs"));
        X509Certificate cert = read(pem);
        Files.write(certs.resolve(CertificateFacts.thumbprint(cert) + ".der"), cert.getEncoded());
        return cert;
    }

    static X509Certificate read(Path pemOrDer) throws Exception {
        try (InputStream in = Files.newInputStream(pemOrDer)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Distinct GOOD values of {@code point} read after {@code since}. */
    static long distinctGood(List<Sample> seen, PointId point, Instant since) {
        return seen.stream().filter(s -> s.point().equals(point) && s.isGood() && s.time().isAfter(since))
                .mapToDouble(Sample::value).distinct().count();
    }
}
