package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.files.PrivateFiles;
import io.wattline.core.secrets.Secrets;
import io.wattline.testkit.Await;
import io.wattline.web.security.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A run whose OPC UA password comes from the secrets file ({@code secret:name}) and whose server cannot be
 * reached (so its errors are logged and shown in device health): the secret's value appears in no log
 * line and in no answer of any GET route of the API.
 */
@Tag("integration")
@Timeout(240)
class SecretsNeverShownTest {

    private static final String SECRET = "Zq9-never-shown-" + System.nanoTime();

    @TempDir
    Path dir;

    @Test
    void theSecretAppearsInNoLogAndNoAnswer() throws Exception {
        Path data = dir.resolve("data");
        PrivateFiles.write(data.resolve(Secrets.FILE), ("plc-line1=" + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path plant = Files.writeString(dir.resolve("plant.yaml"), """
                schemaVersion: 1
                plant: { name: "Secrets plant", timeZone: Asia/Shanghai }
                sites: [ { id: site } ]
                areas: [ { id: hall, site: site } ]
                connections:
                  - id: plc-line1
                    type: opc-ua
                    host: 127.0.0.1
                    port: %d
                    opcua: { path: /line-plc, securityPolicy: Basic256Sha256, securityMode: SignAndEncrypt,
                             username: wattline, password: "secret:plc-line1" }
                meters:
                  - { id: line1-plc, profile: wattline/line-plc, connection: plc-line1, carrier: electricity, area: hall }
                """.formatted(closed));
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> answers = new ArrayList<>();
        System.setOut(new PrintStream(new TeeStream(console, captured), true, StandardCharsets.UTF_8));
        try {
            LaunchArguments run = LaunchArguments.parse("run", "--config", plant.toString(), "--port", "0",
                    "--opcua-port", "0", "--data", data.toString());
            try (ConfigurableApplicationContext app = WattlineMain.start(run)) {
                String admin = TestLogin.user(app, Role.ADMIN);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                String auth = "Basic " + Base64.getEncoder().encodeToString((admin + ":" + TestLogin.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                // let the collector fail to connect a few times
                Await.until(() -> get(http, TestLogin.baseUrl(app) + "/api/devices", auth)
                        .contains("lastError\":\""), Duration.ofSeconds(60), () -> "a connection error in /api/devices");
                for (SecurityRoutesTest.Route r : SecurityRoutesTest.routes(app)) {
                    if (r.method().equals("GET") && r.pattern().startsWith("/api/") && !r.pattern().startsWith("/api/stream")) {
                        answers.add(r.pattern() + " -> " + get(http, TestLogin.baseUrl(app) + r.samplePath(), auth));
                    }
                }
            }
        } finally {
            System.setOut(console);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("plc-line1"), "the log speaks of the connection");
        assertTrue(answers.size() >= 20, "GET routes walked: " + answers.size());
        assertFalse(log.contains(SECRET), "the secret is in the log");
        for (String a : answers) {
            assertFalse(a.contains(SECRET), "the secret is in an answer: " + a);
        }
    }

    private static String get(HttpClient http, String url, String auth) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    /** Writes to the console and keeps a copy. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
