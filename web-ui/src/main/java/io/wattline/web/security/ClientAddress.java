package io.wattline.web.security;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The address a request came from, as the audit log and the login throttle see it: the socket's peer
 * (a forwarded-for header is not trusted: anyone can write one). The filter puts it into the Reactor
 * context so the authentication manager, which sees no request, can read it.
 */
public final class ClientAddress implements WebFilter {

    static final String KEY = ClientAddress.class.getName();

    /** The peer address of the request, or {@code unknown}. */
    public static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    static String of(ContextView context) {
        return context.getOrDefault(KEY, "unknown");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).contextWrite(c -> c.put(KEY, of(exchange)));
    }
}
