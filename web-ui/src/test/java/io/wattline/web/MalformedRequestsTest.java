package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 18's generated bad-request test: walks the running demo's route table (every
 * {@code @RequestMapping} handler Spring registered, not a hand list), and sends each parameter of
 * each route (path variables, query parameters, the fields of bound records, JSON and CSV bodies)
 * every value of a list of malformed and extreme ones, the others left at their defaults. Every
 * answer must be below 500; every 4xx an RFC 9457 problem ({@code application/problem+json}) with a
 * detail, and a 400 about a parameter names the one that was changed.
 */
@Tag("integration")
@Timeout(900)
class MalformedRequestsTest {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequestsTest.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Values no parameter should turn into a 500: bad syntax, out-of-range times and numbers, injections. */
    static final List<String> MALFORMED = List.of("", "x", "'\"<>;--", "中文", "NaN", "1e999", "0x1p3", "-1",
            "99999999999999999999", "2026-13-45", "0001-01-01", "9999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z", "x".repeat(3000));

    /** JSON values put into each field of a route's example body. */
    static final List<String> MALFORMED_JSON_VALUES = List.of("null", "\"x\"", "-1", "1e308", "true", "[]", "{}",
            "\"0001-01-01\"", "\"+300000-01-01T00:00:00Z\"", "\"9999-12-31\"", "\"" + "x".repeat(5000) + "\"");

    /** Whole bodies that are not what any route reads. */
    static final List<String> MALFORMED_BODIES = List.of("", "{", "[]", "\"x\"", "{\"count\":NaN}",
            "not json at all", "\u0000\u0001\u0002", "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}");

    /** CSV bodies for the import routes. */
    static final List<String> MALFORMED_CSV = List.of("", "garbage",
            "meter,point,time,value\nmain-incomer,active_energy_import,0001-01-01T00:00:00Z,0x1p3\n",
            "\u0000\u0001\u0002", "a,b\n\"unclosed");

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext app;
    private static HttpClient http;
    private static String base;
    private static String authorization;

    @BeforeAll
    static void start() throws Exception {
        app = WattlineMain.start(LaunchArguments.parse("demo", "--port", "0", "--data", data.toString(),
                "--opcua-port", "0"));
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        // signed in as the admin, so every route is reached past the door: what is tested here is the input
        String user = TestLogin.user(app, io.wattline.web.security.Role.ADMIN);
        authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + TestLogin.PASSWORD).getBytes(StandardCharsets.UTF_8));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** A route as the table declares it. */
    record Route(String method, String pattern, List<String> pathVariables, List<String> queryParameters,
            MediaType body) {

        String describe() {
            return method + " " + pattern;
        }
    }

    /** What one request got wrong, for the failure message. */
    record Finding(String request, int status, String problem) {
    }

    @Test
    void everyParameterOfEveryRouteAnswersMalformedValuesWithA4xxProblem() throws Exception {
        List<Route> routes = routeTable();
        assertTrue(routes.size() >= 20, "the route table lists the API's routes: " + routes);
        Map<String, String> examples = pathExamples();
        List<Finding> findings = new ArrayList<>();
        int requests = 0;
        int rejected = 0;
        for (Route r : routes) {
            baselineOk = baselineAnswersOk(r, examples);
            LOG.info("{}: path {}, query {}, body {} ({} findings so far)", r.describe(), r.pathVariables(),
                    r.queryParameters(), r.body(), findings.size());
            for (String v : r.pathVariables()) {
                assertTrue(examples.containsKey(r.pattern() + "#" + v), "no example value for {" + v + "} of "
                        + r.describe() + ": add one to pathExamples() so its other parameters are reached");
            }
            // each path variable malformed, the others at their example
            for (String variable : r.pathVariables()) {
                for (String bad : MALFORMED) {
                    if (bad.isBlank() || bad.contains("/") || bad.equals("%00")) {
                        continue; // a different route, not a bad value of this one
                    }
                    Map<String, String> vars = examplesFor(r, examples);
                    vars.put(variable, bad);
                    requests++;
                    rejected += check(r, path(r, vars), Map.of(), null, null, variable, findings);
                }
            }
            for (String parameter : r.queryParameters()) {
                for (String bad : MALFORMED) {
                    requests++;
                    rejected += check(r, path(r, examplesFor(r, examples)), Map.of(parameter, bad), null, null,
                            parameter, findings);
                }
            }
            if (r.body() != null) {
                String at = path(r, examplesFor(r, examples));
                if (r.body().isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    for (String body : MALFORMED_BODIES) {
                        requests++;
                        rejected += check(r, at, Map.of(), body, r.body(), null, findings);
                    }
                    JsonNode example = bodyExamples().get(r.pattern());
                    assertTrue(example != null, "no example body for " + r.describe() + ": add one to bodyExamples()");
                    for (String field : fieldsOf(example)) {
                        for (String value : MALFORMED_JSON_VALUES) {
                            ObjectNode mutated = ((ObjectNode) example).deepCopy();
                            mutated.set(field, JSON.readTree(value));
                            requests++;
                            rejected += check(r, at, Map.of(), JSON.writeValueAsString(mutated), r.body(), field,
                                    findings);
                        }
                    }
                } else {
                    for (String body : MALFORMED_CSV) {
                        requests++;
                        rejected += check(r, at, Map.of(), body, r.body(), null, findings);
                    }
                }
                // the right body with the wrong content type
                requests++;
                rejected += check(r, at, Map.of(), "a=b", MediaType.APPLICATION_FORM_URLENCODED, null, findings);
            }
        }
        LOG.info("{} routes, {} requests, {} answered 4xx, findings {}", routes.size(), requests, rejected,
                findings.size());
        findings.forEach(f -> LOG.warn("finding: {}", f));
        assertTrue(findings.isEmpty(), findings.size() + " of " + requests + " malformed requests were not answered"
                + " with a 4xx problem (or named the wrong parameter):\n" + String.join("\n",
                findings.stream().limit(60).map(Finding::toString).toList()));
        assertTrue(rejected > requests / 2, "most malformed requests are refused: " + rejected + " of " + requests);
    }

    @Test
    void theProblemBodyNamesTheParameterAndTheAllowedRange() throws Exception {
        HttpResponse<String> r = send("GET", base + "/api/consumption?from=%2B300000-01-01T00:00:00Z", null, null);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        JsonNode p = JSON.readTree(r.body());
        assertEquals("/problems/bad-parameter", p.path("type").asString());
        assertEquals(400, p.path("status").asInt());
        assertEquals("from", p.path("parameter").asString());
        assertTrue(p.path("title").asString().contains("参数"), "a bilingual title: " + p);
        assertTrue(p.path("detail").asString().contains("1970-01-01T00:00:00Z")
                && p.path("detail").asString().contains("2200-01-01T00:00:00Z"), "the detail gives the window: " + p);
        assertTrue(p.path("expected").asString().contains("2200"), p.toString());

        HttpResponse<String> notJson = send("POST", base + "/api/production", "{\"line\":", MediaType.APPLICATION_JSON);
        assertEquals(400, notJson.statusCode(), notJson.body());
        JsonNode q = JSON.readTree(notJson.body());
        assertEquals("body", q.path("parameter").asString());
        assertTrue(q.path("detail").asString().contains("cannot be read"), q.toString());

        // an absurd entry is refused, naming the field, and nothing is stored
        HttpResponse<String> ancient = send("POST", base + "/api/production", "{\"line\":\"line1\","
                + "\"from\":\"-300000-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\",\"count\":5}",
                MediaType.APPLICATION_JSON);
        assertEquals(400, ancient.statusCode(), ancient.body());
        assertEquals("from", JSON.readTree(ancient.body()).path("parameter").asString());
        HttpResponse<String> huge = send("POST", base + "/api/production", "{\"line\":\"line1\","
                + "\"from\":\"2026-01-01T00:00\",\"to\":\"2026-01-01T08:00\",\"count\":1e308}",
                MediaType.APPLICATION_JSON);
        assertEquals(400, huge.statusCode(), huge.body());
        assertEquals("count", JSON.readTree(huge.body()).path("parameter").asString());

        String big = "{\"line\":\"line1\",\"note\":\"" + "x".repeat(1_000_000) + "\"}";
        HttpResponse<String> tooLarge = send("POST", base + "/api/production", big, MediaType.APPLICATION_JSON);
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        JsonNode t = JSON.readTree(tooLarge.body());
        assertEquals("body", t.path("parameter").asString());
        assertTrue(t.path("detail").asString().contains("larger than"), t.toString());
    }

    /**
     * The errors no route's parameters cause are problems too: an unknown route (Boot would answer its
     * own JSON or page), a method the route does not take, a content type it does not read, an answer
     * format it cannot give.
     */
    @Test
    void errorsOutsideTheRoutesParametersAreProblemsToo() throws Exception {
        assertProblem(send("GET", base + "/api/no-such-route", null, null), 404, "/api/no-such-route");
        assertProblem(send("GET", base + "/no-such-page", null, null), 404, "/no-such-page");
        assertProblem(send("DELETE", base + "/api/points/latest", null, null), 405, "DELETE");
        assertProblem(send("POST", base + "/api/production", "a=b", MediaType.APPLICATION_FORM_URLENCODED), 415,
                "Content-Type");
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(URI.create(base + "/api/points/latest"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).header("Accept", "application/xml")
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertProblem(xml, 406, "");
    }

    private static void assertProblem(HttpResponse<String> r, int status, String named) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().map() + " " + r.body());
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.path("status").asInt(), r.body());
        assertFalse(p.path("type").asString("").isBlank() || p.path("title").asString("").isBlank(), r.body());
        assertTrue(p.path("detail").asString("").contains(named), "the detail names " + named + ": " + r.body());
    }

    /** Whether the route answers its defaults (nothing changed) below 400: then a 400 must name what was changed. */
    private boolean baselineOk;

    private boolean baselineAnswersOk(Route r, Map<String, String> examples) throws Exception {
        if (r.body() != null || !"GET".equals(r.method()) || r.pattern().startsWith("/api/stream/")) {
            return false;
        }
        try {
            return send("GET", base + path(r, examplesFor(r, examples)), null, null).statusCode() < 400;
        } catch (java.net.http.HttpTimeoutException slow) {
            LOG.warn("{} with its defaults gave no answer within 30 s (a loaded machine): its 400s are not checked"
                    + " for the parameter they name", r.describe());
            return false;
        }
    }

    private int check(Route r, String path, Map<String, String> query, String body, MediaType type, String changed,
            List<Finding> findings) throws Exception {
        StringBuilder uri = new StringBuilder(base).append(path);
        String sep = "?";
        for (Map.Entry<String, String> e : query.entrySet()) {
            uri.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        String request = r.method() + " " + abbreviate(uri.toString().substring(base.length()))
                + (body == null ? "" : " body " + abbreviate(body));
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            try {
                response = send(r.method(), uri.toString(), body, type);
            } catch (java.net.http.HttpTimeoutException first) {
                // a pooled connection the server had closed can leave the JDK client waiting: once more, afresh
                LOG.warn("no answer within 30 s, asking once more on a new connection: {}", request);
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                response = send(r.method(), uri.toString(), body, type);
            }
        } catch (java.net.http.HttpTimeoutException e) {
            findings.add(new Finding(request, 0, "no answer within 30 s"));
            // the server runs in this JVM: show what its threads were doing
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith("boundedElastic") || t.getName().startsWith("reactor-http")) {
                    LOG.warn("after a timeout, thread {}: {}", t.getName(), java.util.Arrays.stream(stack).limit(25)
                            .map(Object::toString).collect(java.util.stream.Collectors.joining("\n  ")));
                }
            });
            return 0;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (ms > 5000) {
            LOG.warn("slow answer ({} ms, {}): {}", ms, response.statusCode(), request);
        }
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            findings.add(new Finding(request, status, "Content-Type " + contentType + ": " + abbreviate(response.body())));
            return 0;
        }
        if (status < 400) {
            return 0;
        }
        if (!contentType.startsWith("application/problem+json")) {
            findings.add(new Finding(request, status, "Content-Type " + contentType + ": " + abbreviate(response.body())));
            return 1;
        }
        JsonNode problem = JSON.readTree(response.body());
        if (problem.path("detail").asString("").isBlank() || problem.path("title").asString("").isBlank()
                || problem.path("status").asInt() != status || problem.path("type").asString("").isBlank()) {
            findings.add(new Finding(request, status, "incomplete problem " + abbreviate(response.body())));
        } else if (status == 400 && changed != null && baselineOk && !problem.path("parameter").isNull()
                && !problem.path("parameter").isMissingNode() && !changed.equals(problem.path("parameter").asString())
                && !"body".equals(problem.path("parameter").asString())) {
            findings.add(new Finding(request, status, "names '" + problem.path("parameter").asString()
                    + "', not '" + changed + "': " + abbreviate(response.body())));
        }
        return 1;
    }

    private static HttpResponse<String> send(String method, String uri, String body, MediaType type)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (body != null) {
            b.header("Content-Type", type.toString());
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Every API route Spring mapped, with the parameters its handler method reads. */
    static List<Route> routeTable() {
        Map<String, Route> routes = new TreeMap<>();
        for (RequestMappingHandlerMapping mapping : app.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = e.getKey();
                Set<String> methods = new LinkedHashSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                if (methods.isEmpty()) {
                    methods.add(HttpMethod.GET.name());
                }
                Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    if (!pattern.getPatternString().startsWith("/api/")) {
                        continue;
                    }
                    for (String method : methods) {
                        Route r = route(method, pattern.getPatternString(), e.getValue(), consumes);
                        routes.put(r.describe(), r);
                    }
                }
            }
        }
        return List.copyOf(routes.values());
    }

    private static Route route(String method, String pattern, HandlerMethod handler, Set<MediaType> consumes) {
        List<String> pathVariables = new ArrayList<>();
        List<String> query = new ArrayList<>();
        MediaType body = null;
        for (MethodParameter p : handler.getMethodParameters()) {
            PathVariable pv = p.getParameterAnnotation(PathVariable.class);
            RequestParam rp = p.getParameterAnnotation(RequestParam.class);
            if (pv != null) {
                pathVariables.add(!pv.name().isEmpty() ? pv.name() : !pv.value().isEmpty() ? pv.value()
                        : p.getParameterName());
            } else if (rp != null) {
                query.add(!rp.name().isEmpty() ? rp.name() : !rp.value().isEmpty() ? rp.value() : p.getParameterName());
            } else if (p.hasParameterAnnotation(RequestBody.class)) {
                body = consumes.isEmpty() ? MediaType.APPLICATION_JSON : consumes.iterator().next();
            } else if (p.getParameterType().isRecord()) {
                // a record bound from the query string: its components are the parameters
                for (RecordComponent c : p.getParameterType().getRecordComponents()) {
                    query.add(c.getName());
                }
            } else if (BeanUtils.isSimpleProperty(p.getParameterType())) {
                query.add(p.getParameterName());
            }
        }
        return new Route(method, pattern, pathVariables, query, body);
    }

    /** A real value for each path variable, so the route's other parameters are reached. */
    private Map<String, String> pathExamples() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode points = JSON.readTree(send("GET", base + "/api/points/latest", null, null).body());
        m.put("/api/points/{id}/samples#id", points.get(0).path("id").asString());
        m.put("/api/points/{id}/series#id", points.get(0).path("id").asString());
        m.put("/api/fleet/sites/{site}/points/{id}/samples#site", "demo");
        m.put("/api/fleet/sites/{site}/points/{id}/samples#id", points.get(0).path("id").asString());
        JsonNode devices = JSON.readTree(send("GET", base + "/api/devices", null, null).body());
        m.put("/api/devices/{id}/probe#id", devices.get(0).path("id").asString());
        m.put("/api/devices/{id}#id", devices.get(0).path("id").asString());
        m.put("/api/devices/{id}/history#id", devices.get(0).path("id").asString());
        JsonNode reports = JSON.readTree(send("GET", base + "/api/reports", null, null).body());
        m.put("/api/reports/{id}/runs#id", reports.path("definitions").get(0).path("id").asString());
        m.put("/api/reports/runs/{run}/files/{name}#run", "20261101T170000-monthly-cost-2026-10");
        m.put("/api/reports/runs/{run}/files/{name}#name", "monthly-cost-2026-10.xlsx");
        for (String command : List.of("ack", "shelve", "unshelve")) {
            m.put("/api/alarms/{id}/" + command + "#id", "1");
        }
        return m;
    }

    /** A valid body of each JSON route, whose fields are changed one at a time. */
    private static Map<String, JsonNode> bodyExamples() {
        return Map.of(
                "/api/production", JSON.readTree("{\"line\":\"line1\",\"from\":\"2026-03-02T08:00\","
                        + "\"to\":\"2026-03-02T16:00\",\"count\":1200,\"note\":\"shift A\"}"),
                "/api/reports/bills", JSON.readTree("{\"month\":\"2026-10\",\"kwh\":{\"peak\":34000,\"flat\":11200,"
                        + "\"valley\":22400},\"maxDemandKw\":310,\"powerFactor\":0.95,\"amount\":51057.20,"
                        + "\"note\":\"bill\"}"),
                "/api/alarms/{id}/ack", JSON.readTree("{\"comment\":\"seen\"}"),
                "/api/alarms/{id}/shelve", JSON.readTree("{\"duration\":\"30m\",\"reason\":\"maintenance\"}"),
                "/api/alarms/{id}/unshelve", JSON.readTree("{\"comment\":\"done\"}"));
    }

    private static List<String> fieldsOf(JsonNode example) {
        List<String> names = new ArrayList<>();
        example.propertyNames().forEach(names::add);
        return names;
    }

    private static Map<String, String> examplesFor(Route r, Map<String, String> examples) {
        Map<String, String> vars = new LinkedHashMap<>();
        r.pathVariables().forEach(v -> vars.put(v, examples.get(r.pattern() + "#" + v)));
        return vars;
    }

    private static String path(Route r, Map<String, String> vars) {
        String p = r.pattern();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            p = p.replace("{" + e.getKey() + "}", URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        assertFalse(p.contains("{"), "every path variable of " + r.pattern() + " has a value: " + p);
        return p;
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "…(" + s.length() + ")";
    }
}
