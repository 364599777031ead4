package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --bind} and {@code --tls-keystore}: by default the server listens on loopback only (another
 * address of this machine is refused), and with a PKCS#12 key store it serves HTTPS (password from
 * {@code WATTLINE_TLS_PASSWORD}), the API answering a client that trusts that certificate.
 */
@Tag("integration")
@Timeout(240)
class BindAndTlsTest {

    private static final String PASSWORD = "tls-test-" + System.nanoTime();

    @TempDir
    Path dir;

    @AfterEach
    void forgetPassword() {
        System.clearProperty("WATTLINE_TLS_PASSWORD");
    }

    @Test
    void loopbackByDefaultAndHttpsWithTheConfiguredKeyStore() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "wattline", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        System.setProperty("WATTLINE_TLS_PASSWORD", PASSWORD);

        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--opcua-port", "0", "--data",
                dir.resolve("data").toString(), "--tls-keystore", store.toString());
        assertEquals(LaunchArguments.DEFAULT_BIND, demo.bind());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String user = TestLogin.user(app, io.wattline.web.security.Role.VIEWER);
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(store)).connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            HttpResponse<String> points = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/api/points/latest")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + TestLogin.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, points.statusCode(), points.body());
            assertTrue(points.body().startsWith("["), points.body());

            Optional<InetAddress> other = otherAddress();
            if (other.isPresent()) {
                try (Socket s = new Socket()) {
                    assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(other.get(), port), 3000),
                            "the server listens on loopback only, not on " + other.get());
                }
            }
        }
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** A non-loopback IPv4 address of this machine, if it has one. */
    private static Optional<InetAddress> otherAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
