package io.wattline.web.security;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/health} (open: is the server up) and {@code GET /api/session} (who is signed in,
 * with which role: the pages show or hide actions by it; the server checks the role anyway).
 */
@RestController
public class SessionController {

    /** Who is signed in: the name and the highest role. */
    public record SessionView(String user, String role) {
    }

    @GetMapping(value = "/api/health", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GetMapping(value = "/api/session", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SessionView> session(ServerWebExchange exchange) {
        return exchange.getPrincipal().cast(Authentication.class).map(a -> new SessionView(a.getName(), highest(a)));
    }

    static String highest(Authentication a) {
        Role best = Role.VIEWER;
        for (GrantedAuthority g : a.getAuthorities()) {
            for (Role r : Role.values()) {
                if (("ROLE_" + r.name()).equals(g.getAuthority()) && r.ordinal() > best.ordinal()) {
                    best = r;
                }
            }
        }
        return best.id();
    }
}
