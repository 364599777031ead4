package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.config.PlantConfigLoader;
import io.wattline.config.PointCatalogues;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.web.security.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 19's proof "50 concurrent year-long raw consumption reports", against the running demo (the
 * application as {@code ./wattline demo} starts it, its own report pool settings) over a store that
 * holds a month of raw counter readings: a year from raw samples is refused as input (400, the raw
 * range is bounded), so the storm is 50 clients at once each asking for the heaviest report the API
 * accepts, by meter and shift from raw samples over the longest raw range, each for a slightly
 * different range so that none share a computation. The application stays up, collection goes on
 * (the newest live sample time keeps advancing and the store keeps committing during the storm), the
 * reports beyond the pool are refused at once with 503, Retry-After and a problem body, nothing else
 * is answered, and afterwards a normal report answers.
 */
@Tag("integration")
@Timeout(900)
class ReportStormTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReportStormTest.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");
    /** docs/api.md: a consumption report from raw samples covers at most 31 days. */
    private static final int RAW_DAYS = 31;
    private static final int CLIENTS = 50;
    private static final Duration STORM = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void fiftyConcurrentLongestRawReportsLeaveTheApplicationAliveAndCollectingAndRefuseTheExcess() throws Exception {
        long seeded = seedRawMonth(data, Instant.now());
        ConfigurableApplicationContext app = WattlineMain.start(LaunchArguments.parse("demo", "--port", "0", "--data",
                data.toString(), "--opcua-port", "0"));
        try {
            String base = TestLogin.baseUrl(app);
            String auth = "Basic " + Base64.getEncoder().encodeToString((TestLogin.user(app, Role.VIEWER) + ":"
                    + TestLogin.PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            awaitCollecting(http, base, auth);

            LocalDate today = LocalDate.now(app.getBean(RunningPlant.class).plant().zone());
            ZonedDateTime end = today.plusDays(1).atStartOfDay(app.getBean(RunningPlant.class).plant().zone());
            ZonedDateTime start = end.minusDays(RAW_DAYS);
            HttpResponse<String> year = get(http, base + "/api/consumption?group=meter&period=shift&path=raw&from="
                    + today.minusYears(1), auth);
            assertEquals(400, year.statusCode(), "a year from raw samples is more than the API takes: " + year.body());
            assertEquals("to", JSON.readTree(year.body()).path("parameter").asString(), year.body());
            HttpResponse<String> alone = get(http, heavy(base, start, end, 0), auth);
            assertEquals(200, alone.statusCode(), "the heaviest accepted report answers alone: " + alone.body());
            assertTrue(JSON.readTree(alone.body()).toString().contains("kwh"), "it has figures: " + abbreviate(alone.body()));

            long committedBefore = committed(http, base, auth);
            AtomicBoolean storming = new AtomicBoolean(true);
            List<Instant> newestDuringStorm = new ArrayList<>();
            Thread watcher = new Thread(() -> watchNewest(http, base, auth, storming, newestDuringStorm), "storm-watch");
            watcher.start();

            Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicReference<String> unexpected = new AtomicReference<>();
            AtomicReference<String> refusal = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            long stormEnd = System.nanoTime() + STORM.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String url = heavy(base, start, end, c);
                clients.add(new Thread(() -> {
                    try {
                        go.await();
                        do {
                            HttpResponse<String> r = get(http, url, auth);
                            statuses.computeIfAbsent(Integer.toString(r.statusCode()), k -> new AtomicInteger())
                                    .incrementAndGet();
                            if (r.statusCode() == 503) {
                                refusal.compareAndSet(null, r.headers().firstValue("Retry-After").orElse("(none)") + " "
                                        + r.headers().firstValue("Content-Type").orElse("") + " " + r.body());
                                Thread.sleep(1000); // as a client honouring Retry-After roughly would
                            } else if (r.statusCode() != 200) {
                                unexpected.compareAndSet(null, r.statusCode() + " " + abbreviate(r.body()));
                            }
                        } while (System.nanoTime() < stormEnd);
                    } catch (Exception e) {
                        statuses.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                        unexpected.compareAndSet(null, e.toString());
                    }
                }, "storm-client-" + c));
            }
            clients.forEach(Thread::start);
            go.countDown();
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(5).toMillis());
            }
            storming.set(false);
            watcher.join(Duration.ofSeconds(30).toMillis());
            long committedAfter = committed(http, base, auth);
            LOG.info("storm over {} seeded rows: answers {}, newest live sample times seen {}, store committed {} -> {};"
                    + " a refusal: {}", seeded, statuses, newestDuringStorm.size(), committedBefore, committedAfter,
                    refusal.get());

            assertEquals(null, unexpected.get(), "every report was answered 200 or 503: " + statuses);
            assertTrue(statuses.containsKey("200"), "reports were computed during the storm: " + statuses);
            assertTrue(statuses.containsKey("503"), "the excess was refused: " + statuses);
            String refused = refusal.get();
            assertTrue(refused.matches("(?s)\\d+ application/problem\\+json.*"), "503 with Retry-After and a problem body: "
                    + refused);
            assertTrue(refused.contains("reports_busy") || refused.contains("report_timeout"), refused);
            assertTrue(app.isActive() && app.isRunning(), "the application is still running");
            assertTrue(newestDuringStorm.stream().distinct().count() >= 3, "live samples kept arriving during the storm: "
                    + newestDuringStorm);
            assertTrue(committedAfter > committedBefore, "the store kept committing: " + committedBefore + " -> "
                    + committedAfter);

            HttpResponse<String> after = get(http, base + "/api/consumption?group=line&period=shift", auth);
            assertEquals(200, after.statusCode(), "a normal report answers after the storm: " + after.body());
        } finally {
            app.close();
        }
    }

    /** The heaviest accepted report, its end moved back by {@code minutes} so no two clients share one. */
    private static String heavy(String base, ZonedDateTime start, ZonedDateTime end, int minutes) {
        return base + "/api/consumption?group=meter&period=shift&path=raw&from="
                + URLEncoder.encode(start.toOffsetDateTime().toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(end.minusMinutes(minutes).toOffsetDateTime().toString(), StandardCharsets.UTF_8);
    }

    /**
     * Writes {@link #RAW_DAYS} + 1 days before {@code now} of raw readings of every accounting counter of the
     * demo plant, one every 15 s (the demo's slow poll), a steady rise per meter, into the store the
     * application then opens. Returns the number of rows.
     */
    private static long seedRawMonth(Path dataDir, Instant now) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = new PlantConfigLoader(catalog::find).loadResource("demo/plant.yaml");
        PointCatalogue catalogue = PointCatalogues.build(plant, catalog::find, OpcUaProfileLoader.builtIn()::find);
        List<CataloguedPoint> counters = catalogue.accountingCounters();
        long rows = 0;
        try (Historian historian = Historian.open(dataDir, HistorianOptions.defaults()
                .withRawRetention(Duration.ofDays(36_500)), Optional.empty())) {
            Instant from = now.minus(Duration.ofDays(RAW_DAYS + 1));
            for (Instant t = from; t.isBefore(now.minusSeconds(60)); t = t.plusSeconds(15)) {
                double hours = Duration.between(from, t).toSeconds() / 3600.0;
                for (int i = 0; i < counters.size(); i++) {
                    Sample s = Sample.good(counters.get(i).id(), t, 1000 + (20 + 5 * i) * hours);
                    while (!historian.writer().offer(s)) {
                        historian.writer().flush();
                    }
                    rows++;
                }
            }
            historian.writer().flush();
            historian.rollUpNow();
        }
        return rows;
    }

    private static void awaitCollecting(HttpClient http, String base, String auth) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (newest(http, base, auth) == null) {
            assertTrue(System.nanoTime() < deadline, "the demo never delivered a live sample");
            Thread.sleep(250);
        }
    }

    private static void watchNewest(HttpClient http, String base, String auth, AtomicBoolean storming,
            List<Instant> seen) {
        while (storming.get()) {
            try {
                Instant t = newest(http, base, auth);
                if (t != null) {
                    synchronized (seen) {
                        seen.add(t);
                    }
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("the live values did not answer during the storm: {}", e.toString());
            }
        }
    }

    private static Instant newest(HttpClient http, String base, String auth) throws Exception {
        HttpResponse<String> r = get(http, base + "/api/points/latest", auth);
        Instant max = null;
        Matcher m = TIME.matcher(r.body());
        while (m.find()) {
            Instant t = Instant.parse(m.group(1));
            max = max == null || t.isAfter(max) ? t : max;
        }
        return max;
    }

    private static long committed(HttpClient http, String base, String auth) throws Exception {
        JsonNode status = JSON.readTree(get(http, base + "/api/historian/status", auth).body());
        return status.path("store").path("committed").asLong();
    }

    private static HttpResponse<String> get(HttpClient http, String url, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + ")";
    }
}
