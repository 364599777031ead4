package io.wattline.web.security;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import reactor.core.publisher.Mono;

/**
 * {@code Authorization: Bearer wlt_...}: a script signs in with an API token ({@link ApiTokens}) and
 * acts as the token's user with that user's role of the moment. A revoked token, or one whose user
 * is gone, gets 401. The first use of a token after the server starts, and every refused token, is
 * audited with the client's address (a token is used on every request: auditing each would drown
 * the log).
 */
final class TokenAuthentication implements ReactiveAuthenticationManager {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final UsersFile users;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Boolean> announced = new ConcurrentHashMap<>();

    TokenAuthentication(ApiTokens tokens, UsersFile users, AuditTrail audit, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** The filter that reads bearer tokens; it answers a refused one through {@code answers} (401). */
    static AuthenticationWebFilter filter(TokenAuthentication manager, ServerAuthenticationEntryPoint answers) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(converter());
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(answers));
        return filter;
    }

    private static ServerAuthenticationConverter converter() {
        return exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Mono.empty();
            }
            String secret = header.substring(BEARER.length()).strip();
            return Mono.just(new BearerRequest(secret, ClientAddress.of(exchange)));
        };
    }

    @Override
    public Mono<Authentication> authenticate(Authentication request) {
        BearerRequest bearer = (BearerRequest) request;
        return Mono.fromCallable(() -> check(bearer));
    }

    private Authentication check(BearerRequest bearer) {
        Optional<ApiTokens.Token> token = tokens.find(bearer.secret());
        Optional<UserAccount> account = token.flatMap(t -> users.find(t.user()));
        if (token.isEmpty() || account.isEmpty()) {
            record(token.map(ApiTokens.Token::user).orElse(""), bearer.address(), "login.failure",
                    token.isEmpty() ? "unknown or revoked API token" : "API token " + token.get().name()
                            + " of a user who no longer exists");
            throw new BadCredentialsException("unknown or revoked API token / API 令牌无效或已吊销");
        }
        UserAccount user = account.get();
        if (announced.putIfAbsent(token.get().name(), Boolean.TRUE) == null) {
            record(user.name(), bearer.address(), "login.success", "API token " + token.get().name() + ", role "
                    + user.role().id());
        }
        return UsernamePasswordAuthenticationToken.authenticated(user.name(), null,
                AuthorityUtils.createAuthorityList(user.role().authorities()));
    }

    private void record(String user, String address, String action, String detail) {
        audit.record(new AuditEntry(clock.instant(), user, address, action, "", detail));
    }

    /** The presented token, not yet checked; never printed. */
    static final class BearerRequest extends UsernamePasswordAuthenticationToken {
        private final String secret;
        private final String address;

        BearerRequest(String secret, String address) {
            super("bearer", null);
            this.secret = secret;
            this.address = address;
        }

        String secret() {
            return secret;
        }

        String address() {
            return address;
        }
    }
}
