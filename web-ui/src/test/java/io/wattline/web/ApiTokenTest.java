package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.security.Role;
import io.wattline.web.security.TokenCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * API tokens against the running demo: {@code token create} prints a token once and stores only its
 * hash (0600); {@code Authorization: Bearer} then acts with the user's role (an engineer's token
 * imports, a viewer's reads but gets 403 on a write); a revoked or made-up token gets 401; creating,
 * using and revoking are in the audit log.
 */
@Tag("integration")
@Timeout(240)
class ApiTokenTest {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void bearerTokensActAsTheirUserUntilRevoked() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--opcua-port", "0", "--data",
                data.toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            String base = TestLogin.baseUrl(app);
            TestLogin.user(app, Role.VIEWER);
            TestLogin.user(app, Role.ENGINEER);
            String engineer = create("nightly-import", "engineer");
            String viewer = create("dashboard", "viewer");
            Path file = data.resolve("security/tokens");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String stored = Files.readString(file);
            assertFalse(stored.contains(engineer) || stored.contains(viewer), "only hashes are stored:\n" + stored);

            assertEquals(200, send(base, "GET", "/api/devices", engineer).statusCode());
            assertEquals(200, send(base, "GET", "/api/devices", viewer).statusCode());
            int engineerImport = send(base, "POST", "/api/readings/import", engineer).statusCode();
            assertTrue(engineerImport != 401 && engineerImport != 403,
                    "the engineer's token may import (an empty body is a 4xx of its own): " + engineerImport);
            assertEquals(403, send(base, "POST", "/api/readings/import", viewer).statusCode(),
                    "a viewer's token may not write");
            HttpResponse<String> madeUp = send(base, "GET", "/api/devices", "wlt_" + "A".repeat(43));
            assertEquals(401, madeUp.statusCode());
            assertTrue(madeUp.body().contains("API 令牌"), madeUp.body());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, TokenCommand.run(new String[] {"revoke", "nightly-import", "--data", data.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
            assertEquals(401, send(base, "GET", "/api/devices", engineer).statusCode(), "a revoked token signs in no more");
            assertEquals(200, send(base, "GET", "/api/devices", viewer).statusCode(), "the other token still works");

            ByteArrayOutputStream list = new ByteArrayOutputStream();
            TokenCommand.run(new String[] {"list", "--data", data.toString()},
                    new PrintStream(list, true, StandardCharsets.UTF_8), System.err);
            assertTrue(list.toString(StandardCharsets.UTF_8).startsWith("dashboard viewer "), list.toString());

            String audit = TestLogin.client(app).get().uri("/api/audit").retrieve().bodyToMono(String.class)
                    .block(Duration.ofSeconds(30));
            assertTrue(audit.contains("token.create") && audit.contains("token.revoke"), audit);
            assertTrue(audit.contains("API token nightly-import, role engineer"), "the token's first use: " + audit);
            assertTrue(audit.contains("unknown or revoked API token"), "refused tokens are audited: " + audit);
            assertFalse(audit.contains(engineer) || audit.contains(viewer), "the tokens themselves never are");
        }
    }

    @Test
    void aTokenNeedsAnExistingUser() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCommand.run(new String[] {"create", "t1", "--user", "nobody", "--data", data.toString()},
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no user 'nobody'"), err.toString());
    }

    private String create(String name, String user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TokenCommand.run(new String[] {"create", name, "--user", user, "--data", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(token.matches("wlt_[A-Za-z0-9_-]{43}"), "one token printed: " + token);
        return token;
    }

    private HttpResponse<String> send(String base, String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
