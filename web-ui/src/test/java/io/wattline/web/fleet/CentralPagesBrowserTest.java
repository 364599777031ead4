package io.wattline.web.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.wattline.fleet.testing.MosquittoBroker;
import io.wattline.fleet.testing.Peers;
import io.wattline.historian.influx.LocalInfluxd;
import io.wattline.simulator.PlantSimulator;
import io.wattline.testkit.TcpCutProxy;
import io.wattline.web.BrowserSupport;
import io.wattline.web.TestLogin;
import io.wattline.web.security.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The central node's pages in a real headless Chromium ({@code src/test/browser/central-pages.js}):
 * two edges of different plants (site a the demo, site b {@code fleet/plant-b.yaml}) through
 * Debian's mosquitto, their history in a real influxd, and edge b's broker connection cut, so its
 * site is dead at the central. The live page shows both sites with a site filter and site b's points
 * stale with the reason; the overview and the consumption page show the chosen site's own lines and
 * figures (those the API answered for that site) and switch site with the selector; the devices page
 * lists edge b offline. Screenshots in {@code target/screenshots/central-*.png}.
 */
@Tag("integration")
@Timeout(600)
class CentralPagesBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Duration HTTP = Duration.ofSeconds(60);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void theCentralsPagesShowEverySiteWithItsOwnPlantAndADeadEdgeStale() throws Exception {
        Path chromium = BrowserSupport.prepare();
        Peers.require(LocalInfluxd.executable().isPresent(), "influxd not found: apt-get install -y influxdb");
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        try (PlantSimulator plantB = FleetPlants.simulateB();
                MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                TcpCutProxy wanB = new TcpCutProxy(broker.port());
                LocalInfluxd influxd = LocalInfluxd.start(dir.resolve("influx"))) {
            influxd.execute("CREATE DATABASE \"fleet\"");
            Files.writeString(dir.resolve("plant-b.yaml"), FleetPlants.plantB(plantB.plant().connections().get(0).port()));
            Path group = FleetNodes.groupFile(dir, "group.yaml", broker.uri(), KEEP_ALIVE);
            Path groupViaWanB = FleetNodes.groupFile(dir, "group-b.yaml", wanB.mqttUri(), KEEP_ALIVE);
            FleetNodes.start(apps, dir, "edge-a", "edge", group, influxd, null, null);
            FleetNodes.start(apps, dir, "edge-b", "edge", groupViaWanB, influxd, null, dir.resolve("plant-b.yaml"));
            ConfigurableApplicationContext central = FleetNodes.start(apps, dir, "central-1", "central", group, influxd,
                    null, null);
            WebClient api = TestLogin.client(central);

            Peers.await(() -> quality(api, "site-a", "main-incomer.active_power").equals("GOOD")
                    && quality(api, "site-b", "hall-incomer.active_power").equals("GOOD"), WAIT,
                    "both sites live at the central");
            // both sites' counters in InfluxDB, so that today's figures of each are above zero
            Peers.await(() -> electricityToday(api, "site-a") > 0 && electricityToday(api, "site-b") > 0, WAIT,
                    "both sites' consumption today at the central");
            wanB.cut();
            Peers.await(() -> quality(api, "site-b", "hall-incomer.active_power").equals("UNCERTAIN"), WAIT,
                    "site b stale at the central after its edge's WAN is cut");

            String user = TestLogin.user(central, Role.VIEWER);
            String url = TestLogin.baseUrl(central);
            ProcessBuilder node = new ProcessBuilder("node", BrowserSupport.WORK.resolve("central-pages.js").toString(),
                    url, BrowserSupport.SCREENSHOTS.toString(), user, TestLogin.PASSWORD).redirectErrorStream(true);
            node.environment().put("WATTLINE_CHROMIUM", chromium.toString());
            Process p = node.start();
            StringBuilder output = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println(line);
                    output.append(line).append('\n');
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the browser checks did not finish:\n" + output);
            }
            assertEquals(0, p.exitValue(), "browser checks of the central's pages failed (screenshots in "
                    + BrowserSupport.SCREENSHOTS + "):\n" + output);
        } finally {
            for (int i = apps.size() - 1; i >= 0; i--) {
                apps.get(i).close();
            }
        }
    }

    private static String quality(WebClient api, String site, String id) {
        List<Map<String, Object>> points = api.get().uri("/api/points/latest").retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).block(HTTP);
        return points.stream().filter(p -> site.equals(p.get("site")) && id.equals(p.get("id"))).findFirst()
                .map(p -> String.valueOf(p.get("quality"))).orElse("none");
    }

    @SuppressWarnings("unchecked")
    private static double electricityToday(WebClient api, String site) {
        Map<String, Object> report = api.get().uri("/api/consumption?group=line&period=day&site={s}", site).retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block(HTTP);
        return ((List<Map<String, Object>>) report.get("totals")).stream()
                .filter(t -> "ELECTRICITY".equals(t.get("carrier")))
                .mapToDouble(t -> ((Number) t.get("value")).doubleValue()).sum();
    }
}
