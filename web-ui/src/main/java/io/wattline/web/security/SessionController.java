package io.wattline.web.security;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/health} (open: is the server up) and {@code GET /api/session} (who is signed in,
 * with which role: the pages show or hide actions by it; the server checks the role anyway; and
 * which role this node has in a fleet, so that pages ask for the central's routes only on a central).
 */
@RestController
public class SessionController {

    /** Who is signed in: the name and the highest role; {@code node}: all, edge or central. */
    public record SessionView(String user, String role, String node) {
    }

    private final String node;

    public SessionController(@Value("${wattline.fleet.role:all}") String node) {
        this.node = node;
    }

    @GetMapping(value = "/api/health", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GetMapping(value = "/api/session", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SessionView> session(ServerWebExchange exchange) {
        return exchange.getPrincipal().cast(Authentication.class).map(a -> new SessionView(a.getName(), highest(a), node));
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
