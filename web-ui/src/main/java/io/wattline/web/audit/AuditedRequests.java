package io.wattline.web.audit;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import io.wattline.web.security.ClientAddress;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Records every state-changing request that passed the locked door (imports, production counts,
 * alarm acknowledgement and shelving, device probes, and whatever route is added later): who, from
 * which address, what, and how it ended, durably before the answer is sent. A controller may add
 * the outcome in words under {@link #DETAIL}. Report runs and bill entries are recorded by the
 * reports module itself, sign-ins by the authentication, so they are left out here.
 */
public final class AuditedRequests implements WebFilter {

    /** Exchange attribute a controller sets to the outcome in words ("written 12, rejected 1"). */
    public static final String DETAIL = AuditedRequests.class.getName() + ".detail";

    private record Named(Pattern path, String action) {
    }

    private static final List<Named> ACTIONS = List.of(
            new Named(Pattern.compile("/api/readings/import"), "readings.import"),
            new Named(Pattern.compile("/api/production"), "production.enter"),
            new Named(Pattern.compile("/api/alarms/[^/]+/ack"), "alarm.ack"),
            new Named(Pattern.compile("/api/alarms/[^/]+/shelve"), "alarm.shelve"),
            new Named(Pattern.compile("/api/alarms/[^/]+/unshelve"), "alarm.unshelve"),
            new Named(Pattern.compile("/api/devices/[^/]+/probe"), "device.probe"),
            new Named(Pattern.compile("/logout"), "logout"));
    private static final Pattern SELF_AUDITED = Pattern.compile("/login|/api/reports(/.*)?");

    private final AuditTrail audit;
    private final Clock clock;

    public AuditedRequests(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || SELF_AUDITED.matcher(path).matches()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("anonymous").flatMap(user -> {
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> record(exchange, user, method, path))
                    .subscribeOn(Schedulers.boundedElastic()).then());
            return chain.filter(exchange);
        });
    }

    private void record(ServerWebExchange exchange, String user, HttpMethod method, String path) {
        String action = ACTIONS.stream().filter(n -> n.path().matcher(path).matches()).map(Named::action).findFirst()
                .orElse("http." + method.name().toLowerCase());
        var status = exchange.getResponse().getStatusCode();
        Object detail = exchange.getAttribute(DETAIL);
        String query = exchange.getRequest().getURI().getRawQuery();
        audit.record(new AuditEntry(clock.instant(), user, ClientAddress.of(exchange), action,
                method.name() + " " + path + (query == null ? "" : "?" + query),
                "status " + (status == null ? 200 : status.value()) + (detail == null ? "" : ": " + detail)));
    }
}
