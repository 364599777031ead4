package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.audit.AuditLog;
import io.wattline.web.security.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An audited correction whose client goes away mid-way (a closed laptop, a dropped VPN, a script killed
 * with Ctrl-C) must not leave a reading changed without its audit line. The engineer sends a
 * {@code replace=true} import of {@value #READINGS} corrected readings whole, then drops the connection
 * while the server is replacing them. Whatever the server did by then: every reading it replaced has
 * its {@code readings.replace} line in the audit log, and the audit log still takes entries afterwards.
 */
@Tag("integration")
@Timeout(600)
class BrokenOffReplaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int READINGS = 200_000;
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private int port;

    @Test
    void everyReadingReplacedBeforeTheClientLeftIsAudited() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--opcua-port", "0", "--data",
                data.toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            base = TestLogin.baseUrl(app);
            port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String engineer = TestLogin.user(app, Role.ENGINEER);

            HttpResponse<String> imported = send("/api/readings/import", engineer, csv(0));
            assertEquals(200, imported.statusCode(), imported.body());
            assertEquals(READINGS, JSON.readTree(imported.body()).get("written").asInt(), imported.body());

            // the correction, sent whole; the connection is dropped while the server works on it
            byte[] body = csv(0.5).getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/readings/import?replace=true HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nAuthorization: " + basic(engineer) + "\r\nContent-Type: text/csv\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                Thread.sleep(300); // the server has the body and is at work (200,000 rows take it seconds)
            }
            long audited = settledReplaceLines();

            // the store now holds the correction for some readings and the original for the rest: the corrected
            // file, imported again without replace, says which (already stored / different value)
            HttpResponse<String> check = send("/api/readings/import", engineer, csv(0.5));
            assertEquals(200, check.statusCode(), check.body());
            JsonNode result = JSON.readTree(check.body());
            long replaced = result.get("alreadyStored").asLong();
            assertEquals(READINGS, replaced + result.get("rejectedRows").asLong(), "rows " + result.get("rows"));
            assertEquals(replaced, audited, "every replaced reading has its audit line");
            System.out.println("broken-off replace: " + replaced + " of " + READINGS + " readings replaced, "
                    + audited + " audit lines");

            // and the audit log still records: one more correction through a client that waits for it
            String fix = "water-main,volume_forward," + START + ",1000.25\n";
            HttpResponse<String> again = send("/api/readings/import?replace=true", engineer,
                    "meter,point,time,value\n" + fix);
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(1, JSON.readTree(again.body()).get("replaced").asInt(), again.body());
            assertEquals(audited + 1, replaceLines(), "the next correction is audited too");
        }
    }

    /** The readings, one a minute, rising by 1 m3 each; {@code plus} added to every value. */
    private static String csv(double plus) {
        StringBuilder csv = new StringBuilder("meter,point,time,value\n");
        for (int i = 0; i < READINGS; i++) {
            csv.append("water-main,volume_forward,").append(START.plusSeconds(60L * i)).append(',')
                    .append(1000 + i + plus).append('\n');
        }
        return csv.toString();
    }

    /** The number of readings.replace lines once it has not changed for 10 s (a batch of 100,000 takes 2-3 s). */
    private long settledReplaceLines() throws Exception {
        long last = -1;
        Instant stable = Instant.now();
        while (true) {
            long now = replaceLines();
            if (now != last) {
                last = now;
                stable = Instant.now();
            } else if (Duration.between(stable, Instant.now()).toSeconds() >= 10) {
                return now;
            }
            Thread.sleep(250);
        }
    }

    private long replaceLines() throws IOException {
        Path folder = data.resolve(AuditLog.FOLDER);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                try (Stream<String> lines = Files.lines(f)) {
                    n += lines.filter(l -> l.contains("\"readings.replace\"")).count();
                }
            }
        }
        return n;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestLogin.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String path, String user, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", basic(user)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
