package io.wattline.web.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.fleet.central.FleetView;
import io.wattline.testkit.TcpCutProxy;
import io.wattline.fleet.testing.MosquittoBroker;
import io.wattline.fleet.testing.Peers;
import io.wattline.historian.Historian;
import io.wattline.historian.influx.InfluxOptions;
import io.wattline.historian.influx.InfluxQueries;
import io.wattline.historian.influx.LocalInfluxd;
import io.wattline.simulator.PlantSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Issue 17's multi-node test: two edges of different plants (edge a the demo plant, simulated
 * in-process; edge b {@code fleet/plant-b.yaml}, other meters, lines, tariff, shifts and time zone,
 * run with {@code --config} against its own simulator), published as sites a and b, and one central
 * node whose group file names site b's plant file, with Debian's mosquitto between them and a real influxd 1.x that
 * both edges forward to. The central's {@code /api/points/latest} shows both sites' points; when
 * edge b's WAN is cut its points turn stale at the central within the Sparkplug death timeout (1.5
 * keep-alives) while site a stays GOOD; edge b's local history keeps every second of the outage;
 * after the WAN returns the central has b live again and has received b's backlog as historical
 * data, and the central's history of site b (read from InfluxDB, where edge b forwards) has the
 * outage without a gap: every sample edge b stored, at the same times. Then the accounting of each
 * site read at the central (from InfluxDB) equals the same figures read on its edge (local store):
 * every row's kWh and cost to 10⁻⁶ kWh, by line and by meter, through rollups and raw samples, the
 * CSV byte for byte, and line 1's specific consumption; site b with its own plant model (its lines,
 * tariff and zone). The central's report scheduler runs each site's scheduled reports (its missed
 * fires caught up on start) into that site's archive.
 */
@Tag("integration")
@Timeout(900)
class FleetRolesTest {

    private static final Duration WAIT = Duration.ofSeconds(180);
    /** Scheduling slack on a loaded 2-core CI machine, on top of the death timeout. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final Duration HTTP = Duration.ofSeconds(60);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    /** The outage: one edge's broker connection cut for 60 s. */
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final String POWER = "main-incomer.active_power";
    /** Site b's incomer: plant b has other meters than the demo. */
    private static final String POWER_B = "hall-incomer.active_power";
    /** Two of the demo's slow poll periods (15 s, its counters) and slack: a counter's next reading is in. */
    private static final Duration COUNTER_SETTLE = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void twoEdgesAndACentralThroughMosquittoAndInfluxDb() throws Exception {
        Peers.require(LocalInfluxd.executable().isPresent(), "influxd not found: apt-get install -y influxdb");
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        try (PlantSimulator plantB = FleetPlants.simulateB();
                MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                TcpCutProxy wanB = new TcpCutProxy(broker.port());
                LocalInfluxd influxd = LocalInfluxd.start(dir.resolve("influx"))) {
            influxd.execute("CREATE DATABASE \"fleet\"");
            int portB = plantB.plant().connections().get(0).port();
            Files.writeString(dir.resolve("plant-b.yaml"), FleetPlants.plantB(portB));
            Path group = groupFile("group.yaml", broker.uri());
            Path groupViaWanB = groupFile("group-b.yaml", wanB.mqttUri());
            ConfigurableApplicationContext edgeA = start(apps, "edge-a", "edge", group, influxd, "site-a");
            // edge a sets its InfluxDB site tag (equal to the group's); edge b takes it from the group file
            ConfigurableApplicationContext edgeB = start(apps, "edge-b", "edge", groupViaWanB, influxd, null,
                    dir.resolve("plant-b.yaml"));
            // the central's daily reports last ran 25 hours ago: on start each site's scheduler catches up
            Instant lastDaily = Instant.now().minus(Duration.ofHours(25));
            for (String site : List.of("site-a", "site-b")) {
                Path markers = Files.createDirectories(dir.resolve("central-1/sites/" + site + "/reports"));
                Files.writeString(markers.resolve("schedule-state.json"), "{\"daily\":\"" + lastDaily + "\"}");
            }
            ConfigurableApplicationContext central = start(apps, "central-1", "central", group, influxd, null);
            WebClient centralApi = api(central);
            WebClient edgeBApi = api(edgeB);

            Peers.await(() -> point(centralApi, "site-a") != null && point(centralApi, "site-a").get("value") != null
                    && point(centralApi, "site-b") != null && point(centralApi, "site-b").get("value") != null, WAIT,
                    "both sites' " + POWER + " with a value at the central");
            List<Map<String, Object>> all = latest(centralApi);
            assertEquals(latest(api(edgeA)).size() + latest(edgeBApi).size(), all.size(),
                    "every point of both edges at the central");
            assertTrue(all.stream().anyMatch(p -> "site-b".equals(p.get("site")) && POWER_B.equals(p.get("id"))),
                    "site b's own meters at the central");
            assertEquals("kW", point(centralApi, "site-a").get("unit"));
            assertEquals("GOOD", point(centralApi, "site-b").get("quality"));
            // accounting is compared from the next whole minute: both edges have readings before it
            Instant accountingFrom = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));

            Instant cut = Instant.now();
            wanB.cut();
            Peers.await(() -> "UNCERTAIN".equals(point(centralApi, "site-b").get("quality")), WAIT,
                    "site b stale at the central");
            Duration toStale = Duration.between(cut, Instant.now());
            assertTrue(toStale.compareTo(KEEP_ALIVE.multipliedBy(3).dividedBy(2).plus(SLACK)) <= 0,
                    "stale within the death timeout, took " + toStale);
            System.out.println("site b stale at the central " + toStale.toMillis() + " ms after the cut");
            String reason = (String) point(centralApi, "site-b").get("reason");
            assertTrue(reason.contains("edge node edge-b offline (NDEATH"), reason);
            assertEquals("GOOD", point(centralApi, "site-a").get("quality"), "site a is not affected");
            Thread.sleep(OUTAGE.toMillis()); // the outage itself: edge b keeps collecting and storing
            wanB.restore();
            Instant restored = Instant.now();

            Peers.await(() -> "GOOD".equals(point(centralApi, "site-b").get("quality")), WAIT,
                    "site b live again at the central");
            FleetView view = central.getBean(FleetView.class);
            Peers.await(() -> view.counts()[1] >= OUTAGE.toSeconds(), WAIT,
                    "edge b's backlog of the outage received as historical data");

            // edge b's own history: every second of the outage (the demo's power is read each second)
            Instant from = cut.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            Instant to = restored.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            long seconds = Duration.between(from, to).toSeconds();
            List<String> local = times(edgeBApi.get().uri("/api/points/{id}/samples?from={f}&to={t}", POWER_B, from, to)
                    .retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block(HTTP));
            assertTrue(local.size() >= seconds - 1, "edge b stored " + local.size() + " samples in " + seconds + " s");
            Map<String, Object> nodes = Map.of("nodes", centralApi.get().uri("/api/fleet/nodes").retrieve()
                    .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).block(HTTP));
            assertTrue(nodes.toString().contains("edge-a") && nodes.toString().contains("edge-b"), nodes.toString());

            // the central's history of site b (InfluxDB, where edge b forwards): the outage without a gap,
            // every sample edge b stored at the same times
            Peers.await(() -> centralHistory(centralApi, "site-b", from, to).size() >= local.size(), WAIT,
                    "site b's " + local.size() + " samples of the outage in the central's history");
            List<String> history = centralHistory(centralApi, "site-b", from, to);
            assertEquals(local, history, "the central's history of site b over the outage is edge b's own");
            List<String> siteA = centralHistory(centralApi, "site-a", from, to);
            assertFalse(siteA.isEmpty(), "site a's history at the central too");
            System.out.println("central history of site b over the " + seconds + " s outage: " + history.size()
                    + " samples; edge b's own: " + local.size());
            try (InfluxQueries influx = new InfluxQueries(InfluxOptions.of(influxd.url(), "fleet", "site-b"))) {
                String q = "SELECT count(\"active_power\") FROM \"wattline\" WHERE \"site\" = 'site-b' AND \"device\" ="
                        + " 'hall-incomer' AND time >= '" + from + "' AND time < '" + to + "'";
                assertEquals(history.size(), count(influx.rows(q)), "the central serves what InfluxDB holds");
            }

            // accounting: each site's figures at the central (from InfluxDB) equal its edge's (local store)
            // at least one whole minute, and COUNTER_SETTLE after its end, so that every counter (the
            // demo reads them every 15 s) has its first reading after the end on both edges, and in
            // InfluxDB (below) before the figures are compared
            Peers.await(() -> Instant.now().isAfter(accountingFrom.plus(Duration.ofMinutes(1)).plus(COUNTER_SETTLE)),
                    WAIT, "a whole minute of readings to account");
            Instant accountingTo = Instant.now().minus(COUNTER_SETTLE).truncatedTo(ChronoUnit.MINUTES);
            assertTrue(accountingTo.isAfter(accountingFrom), accountingFrom + " .. " + accountingTo);
            awaitForwarded(edgeA);
            awaitForwarded(edgeB);
            SiteFigures.assertSiteRequired(centralApi);
            String range = "from=" + accountingFrom + "&to=" + accountingTo;
            for (String site : List.of("site-a", "site-b")) {
                WebClient edgeApi = site.equals("site-a") ? api(edgeA) : edgeBApi;
                double kwh = SiteFigures.assertSameConsumption(edgeApi, centralApi, site, "group=line&period=day&" + range);
                assertTrue(kwh > 0, site + ": the lines drew energy");
                SiteFigures.assertSameConsumption(edgeApi, centralApi, site, "group=meter&period=shift&path=raw&" + range);
                SiteFigures.assertSameConsumption(edgeApi, centralApi, site, "group=costcentre&period=day&" + range);
                SiteFigures.assertSameKpi(edgeApi, centralApi, site, "line=" + (site.equals("site-a") ? "line1" : "press")
                        + "&period=day&" + range);
                System.out.println(site + ": " + kwh + " kWh by line over " + range + ", equal at edge and central");
            }
            // ... each with its own plant model: site b's lines, meters and cost centres, not the demo's
            String linesB = SiteFigures.json(centralApi, "/api/consumption?group=line&period=day&site=site-b&" + range)
                    .get("rows").toString();
            assertTrue(linesB.contains("press") && linesB.contains("paint") && !linesB.contains("line1"), linesB);
            String linesA = SiteFigures.json(centralApi, "/api/consumption?group=line&period=day&site=site-a&" + range)
                    .get("rows").toString();
            assertTrue(linesA.contains("line1") && !linesA.contains("press"), linesA);

            // the Sankey of a site at the central: the same line figures as its edge draws
            String flowRange = "carrier=electricity&from=" + accountingFrom + "&to=" + accountingTo;
            List<?> edgeLinks = (List<?>) SiteFigures.json(edgeBApi, "/api/energy-flow?" + flowRange).get("links");
            List<?> centralLinks = (List<?>) SiteFigures.json(centralApi, "/api/energy-flow?" + flowRange
                    + "&site=site-b").get("links");
            assertEquals(edgeLinks.size(), centralLinks.size(), "site b's energy flow links");
            assertFalse(edgeLinks.isEmpty(), "site b's energy flow has links");
            for (int i = 0; i < edgeLinks.size(); i++) {
                Map<?, ?> a = (Map<?, ?>) edgeLinks.get(i);
                Map<?, ?> b = (Map<?, ?>) centralLinks.get(i);
                assertEquals(a.get("source") + ">" + a.get("target"), b.get("source") + ">" + b.get("target"));
                assertEquals(((Number) a.get("value")).doubleValue(), ((Number) b.get("value")).doubleValue(),
                        SiteFigures.TOLERANCE, "energy flow " + a.get("source") + " > " + a.get("target"));
            }

            // a site's report run at the central over its InfluxDB history, archived per site
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).toString(); // site b's zone
            Map<String, Object> run = centralApi.post().uri("/api/reports/daily/runs?period={p}&site=site-b", today)
                    .retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block(HTTP);
            List<?> files = (List<?>) run.get("files");
            assertFalse(files.isEmpty(), "the daily report of site b has files: " + run);
            String listed = SiteFigures.text(centralApi, "/api/reports?site=site-b");
            assertTrue(listed.contains((String) run.get("id")), "site b's archive lists the run: " + listed);
            assertTrue(listed.contains("\"id\":\"press-daily\""), "a definition naming site b is offered there: " + listed);
            assertTrue(SiteFigures.text(edgeBApi, "/api/reports").contains("\"id\":\"press-daily\""),
                    "and on edge b, whose site the group file says is site-b");
            String name = (String) ((Map<?, ?>) files.get(0)).get("name");
            byte[] file = centralApi.get().uri("/api/reports/runs/{r}/files/{n}?site=site-b", run.get("id"), name)
                    .retrieve().bodyToMono(byte[].class).block(HTTP);
            assertTrue(file.length > 0, name);
            assertFalse(SiteFigures.text(centralApi, "/api/reports?site=site-a").contains((String) run.get("id")),
                    "site a's archive is its own");

            // scheduled reports at the central: each site's scheduler caught up its missed daily report
            // (the day before in the site's zone), archived under that site
            SiteReportSchedulers schedulers = central.getBean(SiteReportSchedulers.class);
            Map<String, List<String>> caughtUpBySite = new java.util.HashMap<>();
            for (String site : List.of("site-a", "site-b")) {
                caughtUpBySite.put(site, schedulers.bySite().get(site).caughtUp().get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            for (String site : List.of("site-a", "site-b")) {
                List<String> caughtUp = caughtUpBySite.get(site);
                assertFalse(caughtUp.isEmpty(), site + ": the missed daily report ran");
                String archive = SiteFigures.text(centralApi, "/api/reports?site=" + site);
                String otherSite = site.equals("site-a") ? "site-b" : "site-a";
                String other = SiteFigures.text(centralApi, "/api/reports?site=" + otherSite);
                for (String id : caughtUp) {
                    assertTrue(archive.contains(id) && archive.contains("catch_up"), site + " archive lists " + id + ": " + archive);
                    // a run id is the time, definition and period, unique within its site's archive: the other
                    // site's scheduler may have made a run of the same name in the same second, in its own archive
                    assertFalse(other.contains(id) && !caughtUpBySite.get(otherSite).contains(id),
                            "only " + site + "'s archive has " + id);
                }
                java.time.ZoneId zone = java.time.ZoneId.of(site.equals("site-a") ? "Asia/Shanghai" : "Europe/Berlin");
                // both plants' daily report fires at 00:30 local ("0 30 0 * * ?") for the day before: the run caught
                // up is the last firing before the scheduler started (between midnight and 00:30 that is the previous
                // day's, reporting the day before yesterday)
                assertTrue(caughtUp.stream().anyMatch(id -> id.contains("daily-" + lastDailyPeriod(id, zone))),
                        site + ": the daily report of the last 00:30 firing in the site's zone: " + caughtUp);
                System.out.println(site + ": scheduled reports caught up at the central: " + caughtUp);
            }
        } finally {
            for (int i = apps.size() - 1; i >= 0; i--) {
                apps.get(i).close();
            }
        }
    }

    private Path groupFile(String name, String broker) throws Exception {
        return FleetNodes.groupFile(dir, name, broker, KEEP_ALIVE);
    }

    private ConfigurableApplicationContext start(List<ConfigurableApplicationContext> apps, String node, String role,
            Path group, LocalInfluxd influxd, String site) {
        return FleetNodes.start(apps, dir, node, role, group, influxd, site, null);
    }

    /** {@code plant}: run that plant file ({@code run --config}); null: the demo plant. */
    private ConfigurableApplicationContext start(List<ConfigurableApplicationContext> apps, String node, String role,
            Path group, LocalInfluxd influxd, String site, Path plant) {
        return FleetNodes.start(apps, dir, node, role, group, influxd, site, plant);
    }

    private static WebClient api(ConfigurableApplicationContext app) {
        return io.wattline.web.TestLogin.client(app);
    }

    private static List<Map<String, Object>> latest(WebClient api) {
        return api.get().uri("/api/points/latest").retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .block(HTTP);
    }

    private static Map<String, Object> point(WebClient api, String site) {
        String power = site.equals("site-b") ? POWER_B : POWER;
        return latest(api).stream().filter(p -> site.equals(p.get("site")) && power.equals(p.get("id"))).findFirst()
                .orElse(null);
    }

    private static List<String> centralHistory(WebClient api, String site, Instant from, Instant to) {
        return times(api.get()
                .uri("/api/fleet/sites/{site}/points/{id}/samples?from={f}&to={t}", site,
                        site.equals("site-b") ? POWER_B : POWER, from, to)
                .retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block(HTTP));
    }

    /** The sample times of a series answer, as instants (the text forms may differ in trailing zeros). */
    @SuppressWarnings("unchecked")
    private static List<String> times(Map<String, Object> series) {
        return ((List<Map<String, Object>>) series.get("samples")).stream()
                .map(m -> Instant.parse((String) m.get("time")).toString()).toList();
    }

    /** Waits until the edge's forwarder has shipped every sample committed so far to InfluxDB. */
    private static void awaitForwarded(ConfigurableApplicationContext edge) throws InterruptedException {
        Historian historian = edge.getBean(Historian.class);
        long committed = historian.status().lastSeq();
        Peers.await(() -> historian.status().forwarder().watermark() >= committed, WAIT,
                "the edge's samples up to seq " + committed + " forwarded to InfluxDB");
    }

    private static long count(List<Map<String, String>> rows) {
        return rows.isEmpty() ? 0 : (long) Double.parseDouble(rows.get(0).getOrDefault("count", "0"));
    }

    /** The period of the last 00:30 (local) daily firing at or before run {@code id}'s time (its UTC prefix). */
    private static String lastDailyPeriod(String id, java.time.ZoneId zone) {
        java.time.ZonedDateTime ran = java.time.LocalDateTime.parse(id.substring(0, 15),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")).atZone(java.time.ZoneOffset.UTC)
                .withZoneSameInstant(zone);
        java.time.LocalDate fired = ran.toLocalTime().isBefore(java.time.LocalTime.of(0, 30))
                ? ran.toLocalDate().minusDays(1) : ran.toLocalDate();
        return fired.minusDays(1).toString();
    }
}
