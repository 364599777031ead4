package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code wattline demo --scenario night-waste}, as a newcomer runs it, checked over HTTP only: the
 * demo plant's own alarm rules are all listed, and the energy alarms fire on their own: line 2's
 * waste in the night break and the incomer's demand forecast (the "within a minute"; the
 * time it took is logged, the wait allows for a loaded build machine).
 */
@Tag("integration")
@Timeout(240)
class DemoScenarioAlarmsTest {

    private static final Logger LOG = LoggerFactory.getLogger(DemoScenarioAlarmsTest.class);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() { };

    @TempDir
    Path data;

    @Test
    void theNightWasteScenarioFiresTheEnergyAlarms() throws Exception {
        LaunchArguments demo = LaunchArguments.parse("demo", "--scenario", "night-waste", "--port", "0",
                "--data", data.toString(), "--opcua-port", "0");
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            WebClient web = TestLogin.client(app);
            long start = System.nanoTime();
            List<Map<String, Object>> all = get(web, "/api/alarms?all=true");
            Set<Object> rules = all.stream().map(a -> a.get("ruleId")).collect(Collectors.toSet());
            assertTrue(rules.containsAll(Set.of("comm", "incomer-demand", "incomer-loss", "line1-waste", "line2-waste",
                    "line2-shift-budget", "line1-baseline", "line1-power", "air-pressure", "steam-temperature",
                    "workshop-temperature-stale")), "every rule of the demo plant: " + rules);

            Await.until(() -> raised(web).containsAll(Set.of("line2-waste", "incomer-demand")), Duration.ofSeconds(180),
                    () -> "waste and demand alarms; active: " + raised(web));
            LOG.info("night-waste: waste and demand alarms {} s after the demo started",
                    (System.nanoTime() - start) / 1_000_000_000);
            Map<String, Object> waste = get(web, "/api/alarms").stream()
                    .filter(a -> "line2-waste".equals(a.get("ruleId"))).findFirst().orElseThrow();
            assertEquals("HIGH", waste.get("priority"));
            String zh = (String) ((Map<?, ?>) waste.get("messages")).get("zh-CN");
            assertTrue(zh.startsWith("Line 2 welding 焊接线休息时段仍耗电 ") && zh.contains(" kW(应低于 40 kW)"), zh);
            assertTrue(!raised(web).contains("line1-waste"), "line 1 rests in its break");
            List<Map<String, Object>> journal = get(web, "/api/alarms/journal?priority=critical");
            assertTrue(journal.stream().anyMatch(e -> "incomer-demand".equals(e.get("ruleId"))
                    && "RAISED".equals(e.get("action"))), "the demand alarm in the journal: " + journal);
        }
    }

    private static Set<Object> raised(WebClient web) {
        return get(web, "/api/alarms").stream().map(a -> a.get("ruleId")).collect(Collectors.toSet());
    }

    private static List<Map<String, Object>> get(WebClient web, String uri) {
        return web.get().uri(uri).retrieve().bodyToMono(LIST).block(Duration.ofSeconds(20));
    }
}
