package io.wattline.web.security;

import io.wattline.core.audit.AuditTrail;
import io.wattline.web.WattlineProperties;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The locked door. Deny by default: every route needs a signed-in user except the login page, the
 * health check and the login page's style; reading (GET, HEAD) needs viewer; a state-changing method
 * needs operator unless a rule below asks for more (engineer: imports, reports, devices,
 * configuration; admin: users and the audit log). A new controller is therefore protected without
 * touching this class; give it a rule here only when it needs more than the default.
 * Browsers sign in with a form and a session cookie, and every state-changing request of a session
 * carries a CSRF token (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}); scripts send HTTP
 * Basic credentials on each request, which no other site can make a browser send, so those need no token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityWiring {

    /** Routes anyone may reach (GET): the login page, the health check, and what the login page shows. */
    static final String[] OPEN = {"/login", "/api/health", "/actuator/health", "/actuator/health/**", "/app.css",
        "/favicon.svg"};
    /** Any method: admin only. */
    static final String[] ADMIN = {"/api/audit", "/api/audit/**", "/api/users", "/api/users/**"};
    /** State-changing methods: engineer at least (reading them stays viewer). */
    public static final String[] ENGINEER = {"/api/readings/**", "/api/reports/**", "/api/devices/**", "/api/config/**",
            "/api/plant/**", "/api/tariffs/**", "/api/profiles/**"};
    /**
     * Scripts only from our own files (no inline script, no {@code eval}), no plugins, no framing by
     * another site; inline styles stay allowed (chart libraries set them). Spring Security adds
     * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and no-cache headers.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; img-src 'self' data:;"
            + " style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";
    /** The session cookie of Spring WebFlux. */
    static final String SESSION_COOKIE = "SESSION";
    private static final HttpMethod[] READING = {HttpMethod.GET, HttpMethod.HEAD};

    @Bean
    public UsersFile usersFile(WattlineProperties properties) {
        return new UsersFile(properties.dataDir());
    }

    /** A request the firewall refuses gets a 400 problem body naming why (Spring Security asks for this bean). */
    @Bean
    public ServerExchangeRejectedHandler rejectedRequests() {
        return SecurityAnswers::rejected;
    }

    @Bean
    public LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }

    @Bean
    public PasswordAuthenticationManager passwordAuthenticationManager(UsersFile users, LoginThrottle throttle,
            AuditTrail audit, Clock clock) {
        return new PasswordAuthenticationManager(users, throttle, audit, clock, true);
    }

    /** Body size limits and the per-user cap on live streams (runs after the security chain). */
    @Bean
    public RequestLimits requestLimits(@Value("${wattline.http.max-body:1MB}") DataSize maxBody,
            @Value("${wattline.http.max-import-body:16MB}") DataSize maxImportBody,
            @Value("${wattline.http.max-streams-per-user:8}") int maxStreams) {
        return new RequestLimits(maxBody.toBytes(), maxImportBody.toBytes(), maxStreams);
    }

    /**
     * The first user of an empty data directory, hashed (bcrypt: a few hundred ms of CPU) on another
     * thread while the context is built; {@link #firstUsersBeforeServing} waits for it before the web
     * server starts, so no request ever meets a data directory without its user (issue 12, fast start).
     */
    @Bean
    public FirstStartUsers firstStartUsers(UsersFile users, WattlineProperties properties, Environment environment,
            AuditTrail audit, Clock clock) {
        FirstStartUsers first = new FirstStartUsers(users, audit, clock);
        String adminPassword = environment.getProperty("wattline.admin-password");
        first.ensureUsersInBackground(properties.demo(), adminPassword, System.out);
        return first;
    }

    /** Started before the web server (a lower lifecycle phase): the first user exists, or the start fails. */
    @Bean
    public org.springframework.context.SmartLifecycle firstUsersBeforeServing(FirstStartUsers first) {
        return new org.springframework.context.SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                first.awaitUsers();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return 0; // the web server starts in a far later phase (SmartLifecycle.DEFAULT_PHASE - 2048)
            }
        };
    }

    @Bean
    public ApiTokens apiTokens(WattlineProperties properties) {
        return new ApiTokens(properties.dataDir());
    }

    @Bean
    public SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
            PasswordAuthenticationManager manager, UsersFile users, ApiTokens tokens, LoginThrottle throttle,
            AuditTrail audit, Clock clock) {
        return chain(http, manager, new PasswordAuthenticationManager(users, throttle, audit, clock, false),
                new TokenAuthentication(tokens, users, audit, clock));
    }

    /** The filter chain without API tokens (tests that bind one controller). */
    public static SecurityWebFilterChain chain(ServerHttpSecurity http, PasswordAuthenticationManager basicManager,
            PasswordAuthenticationManager formManager) {
        return chain(http, basicManager, formManager, null);
    }

    /**
     * The filter chain; {@code basicManager} may reuse a recent check, {@code formManager} (a form
     * sign-in starts a session) always checks and audits.
     */
    static SecurityWebFilterChain chain(ServerHttpSecurity http, PasswordAuthenticationManager basicManager,
            PasswordAuthenticationManager formManager, TokenAuthentication tokens) {
        SecurityAnswers answers = new SecurityAnswers();
        if (tokens != null) {
            http.addFilterAt(TokenAuthentication.filter(tokens, answers), SecurityWebFiltersOrder.HTTP_BASIC);
        }
        CookieServerCsrfTokenRepository csrfCookies = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfCookies.setCookieCustomizer(c -> c.sameSite("Strict"));
        http.authenticationManager(basicManager)
                .addFilterAt(new ClientAddress(), SecurityWebFiltersOrder.FIRST)
                .authorizeExchange(rules -> {
                    rules.pathMatchers(HttpMethod.GET, OPEN).permitAll();
                    rules.pathMatchers(ADMIN).hasRole(Role.ADMIN.name());
                    rules.pathMatchers(HttpMethod.POST, "/logout").authenticated();
                    for (HttpMethod m : READING) {
                        rules.pathMatchers(m).hasRole(Role.VIEWER.name());
                    }
                    rules.pathMatchers(ENGINEER).hasRole(Role.ENGINEER.name());
                    rules.anyExchange().hasRole(Role.OPERATOR.name());
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(answers))
                .formLogin(form -> form.loginPage("/login").authenticationManager(formManager)
                        .authenticationEntryPoint(answers)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/"))
                        .authenticationFailureHandler((filterExchange, e) ->
                                new RedirectServerAuthenticationFailureHandler(e instanceof LoginThrottledException
                                        ? "/login?throttled" : "/login?error")
                                        .onAuthenticationFailure(filterExchange, e)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(loggedOut()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookies)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler(answers)
                        .requireCsrfProtectionMatcher(browserStateChange()))
                .addFilterAfter(issueCsrfCookie(), SecurityWebFiltersOrder.CSRF)
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter
                                        .ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static RedirectServerLogoutSuccessHandler loggedOut() {
        RedirectServerLogoutSuccessHandler h = new RedirectServerLogoutSuccessHandler();
        h.setLogoutSuccessUrl(java.net.URI.create("/login?logout"));
        return h;
    }

    /**
     * A state-changing request that a browser session could have sent: no Authorization header (Basic
     * credentials are a script's, and no other site can make a browser send them) and a session cookie,
     * or the login form itself. It must prove with the CSRF token that our own page sent it. A request
     * with neither credentials nor session is simply not signed in (401).
     */
    static ServerWebExchangeMatcher browserStateChange() {
        return exchange -> {
            var request = exchange.getRequest();
            HttpMethod m = request.getMethod();
            boolean safe = m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || m == HttpMethod.TRACE;
            boolean script = request.getHeaders().containsHeader("Authorization");
            boolean session = request.getCookies().containsKey(SESSION_COOKIE)
                    || request.getPath().pathWithinApplication().value().equals("/login");
            return safe || script || !session ? ServerWebExchangeMatcher.MatchResult.notMatch()
                    : ServerWebExchangeMatcher.MatchResult.match();
        };
    }

    /** Subscribes to the (deferred) CSRF token so its cookie is set on pages, for their scripts to send back. */
    private static WebFilter issueCsrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
        };
    }
}
