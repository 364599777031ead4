package io.wattline.web;

import io.wattline.core.audit.AuditTrail;
import io.wattline.web.security.LoginThrottle;
import io.wattline.web.security.PasswordAuthenticationManager;
import io.wattline.web.security.Role;
import io.wattline.web.security.SecurityWiring;
import io.wattline.web.security.UsersFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.WebFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one way tests sign in to a running application: a user named after its role ({@code viewer},
 * {@code operator}, {@code engineer}, {@code admin}) with {@link #PASSWORD}, added to the
 * application's users file when missing (the server re-reads it), and a client that sends its
 * credentials with HTTP Basic, as a script would.
 */
public final class TestLogin {

    public static final String PASSWORD = "test-password-1";

    private TestLogin() {
    }

    /** {@code http://127.0.0.1:PORT} of the running application. */
    public static String baseUrl(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** A client signed in as the admin. */
    public static WebClient client(ConfigurableApplicationContext app) {
        return client(app, Role.ADMIN);
    }

    /** A client signed in with the given role. */
    public static WebClient client(ConfigurableApplicationContext app, Role role) {
        String user = user(app, role);
        WebClient client = WebClient.builder().baseUrl(baseUrl(app))
                .defaultHeaders(h -> h.setBasicAuth(user, PASSWORD)).build();
        // sign in once, patiently: the first check pays bcrypt and class loading, later ones reuse it
        client.get().uri("/api/session").retrieve().toBodilessEntity().block(Duration.ofSeconds(60));
        return client;
    }

    /** Makes sure the user of this role exists in the application's users file; returns its name. */
    public static String user(ConfigurableApplicationContext app, Role role) {
        return user(Path.of(app.getEnvironment().getProperty("wattline.data-dir", "data")), role.id(), role);
    }

    /** Makes sure user {@code name} exists with this role and {@link #PASSWORD} in the data directory's users file. */
    public static String user(Path dataDir, String name, Role role) {
        UsersFile users = new UsersFile(dataDir);
        if (users.find(name).filter(u -> u.role() == role && UsersFile.encoder().matches(PASSWORD, u.passwordHash()))
                .isEmpty()) {
            users.put(name, role, PASSWORD);
        }
        return name;
    }

    /**
     * The application's real security filter chain over the users file of {@code dataDir}, for tests that
     * bind a controller without starting the application ({@code WebTestClient.bindToController(...).webFilter(...)}).
     */
    public static WebFilter security(Path dataDir, AuditTrail audit) {
        UsersFile users = new UsersFile(dataDir);
        LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());
        SecurityWebFilterChain chain = SecurityWiring.chain(ServerHttpSecurity.http(),
                new PasswordAuthenticationManager(users, throttle, audit, Clock.systemUTC(), true),
                new PasswordAuthenticationManager(users, throttle, audit, Clock.systemUTC(), false));
        return new WebFilterChainProxy(chain);
    }
}
