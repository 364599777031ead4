package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wattline.core.files.PrivateFiles;
import io.wattline.core.secrets.Secrets;
import io.wattline.historian.influx.LocalInfluxd;
import io.wattline.testkit.Await;
import io.wattline.web.security.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The proof for secrets: a run with a secret in every credential field of the plant file
 * and the settings (OPC UA user password, InfluxDB user password, SMPP password, SMTP password), each
 * from the secrets file ({@code secret:name}), and each provoking its error: the OPC UA server and
 * the SMSC cannot be reached, a real InfluxDB with authentication refuses the wrong password, the
 * mail server of a report run on demand refuses the connection. The secrets' values then appear in
 * no log line and in no answer of any GET route of the API (walked from the handler mappings).
 */
@Tag("integration")
@Timeout(300)
class SecretsNeverShownTest {

    private static final long RUN = System.nanoTime();
    private static final Map<String, String> SECRETS = Map.of(
            "plc-line1", "Zq9-opcua-never-shown-" + RUN,
            "influx-password", "Zq9-influx-never-shown-" + RUN,
            "smsc", "Zq9-smpp-never-shown-" + RUN,
            "smtp-energy", "Zq9-smtp-never-shown-" + RUN);

    @TempDir
    Path dir;

    @Test
    void theSecretsAppearInNoLogAndNoAnswer() throws Exception {
        Optional<Path> influxd = LocalInfluxd.executable();
        if (influxd.isEmpty()) {
            String install = "influxd not found: apt-get install -y influxdb";
            if ("true".equals(System.getenv("CI"))) {
                fail(install);
            }
            assumeTrue(false, install);
        }
        Path data = dir.resolve("data");
        StringBuilder secretsFile = new StringBuilder();
        SECRETS.forEach((name, value) -> secretsFile.append(name).append('=').append(value).append('\n'));
        PrivateFiles.write(data.resolve(Secrets.FILE), secretsFile.toString().getBytes(StandardCharsets.UTF_8));
        Path plant = Files.writeString(dir.resolve("plant.yaml"), """
                schemaVersion: 1
                plant: { name: "Secrets plant", timeZone: Asia/Shanghai }
                sites: [ { id: site } ]
                areas: [ { id: hall, site: site } ]
                lines: [ { id: line1, area: hall } ]
                connections:
                  - id: plc-line1
                    type: opc-ua
                    host: 127.0.0.1
                    port: %d
                    opcua: { path: /line-plc, securityPolicy: Basic256Sha256, securityMode: SignAndEncrypt,
                             username: wattline, password: "secret:plc-line1" }
                meters:
                  - { id: line1-plc, profile: wattline/line-plc, connection: plc-line1, carrier: electricity,
                      line: line1 }
                notification:
                  people: [ { id: zhang, name: 张工, phone: "+8613800000001" } ]
                  rosters: [ { id: maintenance, onCall: [ { people: [zhang] } ] } ]
                  transports:
                    - { id: smsc, type: smpp, host: 127.0.0.1, port: %d, systemId: wattline, password: "secret:smsc",
                        sourceAddress: "10690000", reconnectDelay: 500ms }
                reports:
                  smtp: { host: 127.0.0.1, port: %d, from: energy@example.com, username: energy,
                          password: "secret:smtp-energy", security: none }
                  definitions:
                    - { id: daily, type: daily, scope: { lines: [line1] }, formats: [csv],
                        recipients: [finance@example.com] }
                """.formatted(closedPort(), closedPort(), closedPort()));
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> answers = new ArrayList<>();
        System.setOut(new PrintStream(new TeeStream(console, captured), true, StandardCharsets.UTF_8));
        try (LocalInfluxd influx = LocalInfluxd.start(dir.resolve("influx"), true)) {
            influx.execute("CREATE USER admin WITH PASSWORD 'the-real-one' WITH ALL PRIVILEGES");
            String[] args = {"--server.port=0", "--server.address=127.0.0.1", "--wattline.data-dir=" + data,
                "--wattline.demo=false", "--wattline.config=" + plant,
                "--wattline.historian.influx.url=" + influx.url(), "--wattline.historian.influx.database=plant",
                "--wattline.historian.influx.username=admin",
                "--wattline.historian.influx.password=secret:influx-password"};
            try (ConfigurableApplicationContext app = SpringApplication.run(WattlineApplication.class, args)) {
                String admin = TestLogin.user(app, Role.ADMIN);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                String auth = "Basic " + Base64.getEncoder().encodeToString((admin + ":" + TestLogin.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                String base = TestLogin.baseUrl(app);
                Await.until(() -> get(http, base + "/api/devices", auth)
                        .contains("lastError\":\""), Duration.ofSeconds(60), () -> "a connection error in /api/devices");
                Await.until(() -> get(http, base + "/api/historian/status", auth)
                        .matches("(?s).*\"lastError\":\"[^\"]+.*"), Duration.ofSeconds(90),
                        () -> "InfluxDB refuses the password: " + get(http, base + "/api/historian/status", auth));
                String run = send(http, HttpRequest.newBuilder(URI.create(base + "/api/reports/daily/runs?period="
                        + yesterday())).POST(HttpRequest.BodyPublishers.noBody()), auth);
                answers.add("POST /api/reports/daily/runs -> " + run);
                Await.until(() -> get(http, base + "/api/audit", auth).contains("report.email.failed"),
                        Duration.ofSeconds(60), () -> "a failed e-mail delivery audited; run: " + run);
                for (SecurityRoutesTest.Route r : SecurityRoutesTest.routes(app)) {
                    if (r.method().equals("GET") && r.pattern().startsWith("/api/")
                            && !r.pattern().startsWith("/api/stream")) {
                        answers.add(r.pattern() + " -> " + get(http, base + r.samplePath(), auth));
                    }
                }
            }
        } finally {
            System.setOut(console);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("plc-line1"), "the log speaks of the OPC UA connection");
        assertTrue(log.contains("smsc"), "the log speaks of the SMSC");
        assertTrue(answers.size() >= 20, "GET routes walked: " + answers.size());
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            assertFalse(log.contains(secret.getValue()), "the secret " + secret.getKey() + " is in the log");
            for (String a : answers) {
                assertFalse(a.contains(secret.getValue()), "the secret " + secret.getKey() + " is in an answer: " + a);
            }
        }
    }

    /** Yesterday in the plant's zone, a daily report's period. */
    private static String yesterday() {
        return java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request, String auth) {
        try {
            return http.send(request.header("Authorization", auth).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "failed: " + e;
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
