package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.security.Role;
import io.wattline.web.security.SecurityWiring;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every route the running demo serves, as its handler mappings list them (controllers and
 * router functions, plus the static pages), never a hand-written list: an anonymous request gets 401
 * on the API (a redirect to the login page for a page) unless the route is one of the few open ones;
 * a viewer gets 403 on every state-changing route, an operator on the engineer's, an engineer on the
 * admin's.
 */
@Tag("integration")
@Timeout(240)
class SecurityRoutesTest {

    /** A route as the mappings declare it: method and path pattern. */
    record Route(String method, String pattern) implements Comparable<Route> {
        String samplePath() {
            return pattern.replaceAll("\\{[^}]+}", "1").replace("/**", "/x").replace("*", "x");
        }

        boolean stateChanging() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        @Override
        public int compareTo(Route o) {
            return (pattern + " " + method).compareTo(o.pattern + " " + o.method);
        }
    }

    private static final Set<String> OPEN = Set.of("GET /login", "GET /api/health");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyRouteIsLockedAndEveryStateChangeNeedsItsRole() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--opcua-port", "0", "--data",
                data.toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            String base = TestLogin.baseUrl(app);
            Set<Route> routes = routes(app);
            assertTrue(routes.size() >= 30, "the mappings list the application's routes: " + routes);
            assertTrue(routes.contains(new Route("POST", "/api/readings/import")), routes.toString());
            assertTrue(routes.contains(new Route("GET", "/index.html")), routes.toString());

            List<String> wrong = new ArrayList<>();
            String viewer = TestLogin.user(app, Role.VIEWER);
            String operator = TestLogin.user(app, Role.OPERATOR);
            String engineer = TestLogin.user(app, Role.ENGINEER);
            for (Route r : routes) {
                String key = r.method() + " " + r.pattern();
                int anonymous = send(base, r, null, false);
                boolean page = !r.pattern().startsWith("/api/");
                if (OPEN.contains(key)) {
                    check(wrong, key, "anonymous", anonymous != 401 && anonymous != 302 && anonymous != 403, anonymous);
                } else if (page && !r.stateChanging()) {
                    int browser = send(base, r, null, true);
                    check(wrong, key, "anonymous browser (redirect to /login)", browser == 302, browser);
                    check(wrong, key, "anonymous script", anonymous == 401, anonymous);
                } else {
                    check(wrong, key, "anonymous", anonymous == 401, anonymous);
                }
                boolean admin = r.pattern().startsWith("/api/audit") || r.pattern().startsWith("/api/users");
                boolean engineerOnly = List.of(SecurityWiring.ENGINEER).stream()
                        .anyMatch(p -> r.pattern().startsWith(p.replace("/**", "")));
                if (r.stateChanging() || admin) {
                    int v = send(base, r, viewer, false);
                    check(wrong, key, "viewer", v == 403, v);
                }
                if ((r.stateChanging() && engineerOnly) || admin) {
                    int o = send(base, r, operator, false);
                    check(wrong, key, "operator", o == 403, o);
                }
                if (admin) {
                    int e = send(base, r, engineer, false);
                    check(wrong, key, "engineer", e == 403, e);
                }
            }
            assertEquals(List.of(), wrong, "routes answered wrongly (of " + routes.size() + ": " + routes + ")");

            HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe-eval"), "scripts only from our files, never framed: " + csp);
            assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("DENY", login.headers().firstValue("X-Frame-Options").orElse(""));
            assertEquals("same-origin", login.headers().firstValue("Referrer-Policy").orElse(""));
        }
    }

    /** No page of ours carries an inline script or an inline event handler: the policy forbids both. */
    @Test
    void noPageHasInlineScripts() throws IOException {
        List<String> inline = new ArrayList<>();
        for (Resource page : new PathMatchingResourcePatternResolver().getResources("classpath*:static/**/*.html")) {
            String html = new String(page.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|javascript:", java.util.regex.Pattern.CASE_INSENSITIVE)
                    .matcher(html);
            while (m.find()) {
                inline.add(page.getFilename() + ": " + m.group());
            }
        }
        assertEquals(List.of(), inline, "inline scripts or handlers, which the Content-Security-Policy blocks");
    }

    private static void check(List<String> wrong, String route, String who, boolean ok, int status) {
        if (!ok) {
            wrong.add(route + " as " + who + ": " + status);
        }
    }

    private int send(String base, Route r, String user, boolean browser) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.samplePath())).timeout(Duration.ofSeconds(10))
                .method(r.method(), HttpRequest.BodyPublishers.noBody());
        if (browser) {
            b.header("Accept", "text/html,application/xhtml+xml");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + TestLogin.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Every route: annotated controllers, router functions, and the static pages. */
    static Set<Route> routes(ConfigurableApplicationContext app) throws IOException {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : app.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                info.getPatternsCondition().getPatterns().forEach(p -> {
                    if (methods.isEmpty()) {
                        for (String m : List.of("GET", "POST", "PUT", "DELETE")) {
                            routes.add(new Route(m, p.getPatternString()));
                        }
                    } else {
                        methods.forEach(m -> routes.add(new Route(m.name(), p.getPatternString())));
                    }
                });
            });
        }
        for (RouterFunctionMapping mapping : app.getBeansOfType(RouterFunctionMapping.class).values()) {
            if (mapping.getRouterFunction() == null) {
                continue;
            }
            mapping.getRouterFunction().accept(new RouterFunctionsCollector(routes));
        }
        Resource[] pages = new PathMatchingResourcePatternResolver().getResources("classpath*:static/**/*.html");
        for (Resource page : pages) {
            String url = page.getURL().toString();
            routes.add(new Route("GET", url.substring(url.lastIndexOf("/static/") + "/static".length())));
        }
        routes.add(new Route("GET", "/"));
        return routes;
    }

    /** Collects method and path of router-function routes from their predicates' descriptions. */
    private static final class RouterFunctionsCollector implements RouterFunctions.Visitor,
            RequestPredicates.Visitor {
        private final Set<Route> routes;
        private final List<String> methods = new ArrayList<>();
        private String path = "";

        RouterFunctionsCollector(Set<Route> routes) {
            this.routes = routes;
        }

        @Override
        public void startNested(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
            predicate.accept(this);
        }

        @Override
        public void endNested(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
        }

        @Override
        public void route(org.springframework.web.reactive.function.server.RequestPredicate predicate,
                org.springframework.web.reactive.function.server.HandlerFunction<?> handlerFunction) {
            String outer = path;
            methods.clear();
            predicate.accept(this);
            for (String m : methods.isEmpty() ? List.of("GET", "POST") : List.copyOf(methods)) {
                routes.add(new Route(m, path));
            }
            path = outer;
        }

        @Override
        public void resources(java.util.function.Function<org.springframework.web.reactive.function.server.ServerRequest,
                reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
        }

        @Override
        public void attributes(java.util.Map<String, Object> attributes) {
        }

        @Override
        public void unknown(org.springframework.web.reactive.function.server.RouterFunction<?> routerFunction) {
        }

        @Override
        public void method(Set<org.springframework.http.HttpMethod> set) {
            set.forEach(m -> methods.add(m.name()));
        }

        @Override
        public void path(String pattern) {
            path = path + pattern;
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(org.springframework.web.reactive.function.server.RequestPredicate predicate) {
        }
    }
}
