package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ten tabs of the demo in one real headless Chromium (live, overview, alarms, devices) all load, show
 * Live and update: the pages share one Server-Sent Events stream per URL across the browser's tabs, so
 * the browser's six connections per host are not used up by streams (seen before: a seventh page never
 * loaded). See {@code many-tabs.js}.
 */
@Tag("integration")
@Timeout(400)
class ManyTabsBrowserTest {

    @TempDir
    Path data;

    /**
     * The browser check's time: what the test's 400 s leave after the demo's start (23 s at load 20)
     * and {@link BrowserScript#GRACE}, so that the script reports a hang before JUnit cuts the test
     * short. Measured (whole test): 22–45 s at load 1–6, 56–85 s at load 18–29, 204–208 s in
     * runs beside other browser tests at load 18–20.
     */
    private static final Duration BUDGET = Duration.ofSeconds(330);

    @Test
    void tenTabsStayLive() throws Exception {
        Path chromium = BrowserSupport.prepare();
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--data", data.toString(), "--opcua-port", "0");
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            BrowserScript.Outcome run = BrowserScript.run(chromium, BUDGET, (line, toScript) -> { },
                    "many-tabs.js", base, BrowserSupport.SCREENSHOTS.toString());
            if (!run.passed()) {
                System.out.println(BrowserScript.serverThreads()); // what the server was doing while a page hung
            }
            assertTrue(run.finished(), "the browser check did not end within " + BUDGET.toSeconds() + " s (screenshot in "
                    + BrowserSupport.SCREENSHOTS + "); what it printed:\n" + run.output());
            assertEquals(0, run.exitCode(), "browser checks failed (screenshot in " + BrowserSupport.SCREENSHOTS + "):\n"
                    + run.output());
        }
    }
}
