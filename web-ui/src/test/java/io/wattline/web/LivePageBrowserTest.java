package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sign-in and the live page in a real headless Chromium (driven by playwright-core under Node): an
 * anonymous visit lands on the login page, a wrong password shows an error, the demo user signs in,
 * the page connects, shows at least 30 GOOD points with Chinese meter names, updates live, switches
 * language and filters, signing out returns to the login page, and a viewer sees live values but not
 * the import action. Screenshots are kept in {@code web-ui/target/screenshots/}.
 */
@Tag("integration")
@Timeout(300)
class LivePageBrowserTest {

    @TempDir
    Path data;

    @Test
    void livePageShowsUpdatesAndSwitchesLanguage() throws Exception {
        Path chromium = BrowserSupport.prepare();
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--data", data.toString(), "--opcua-port", "0");
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/live";
            String viewer = TestLogin.user(app, io.wattline.web.security.Role.VIEWER);
            ProcessBuilder node = new ProcessBuilder("node", BrowserSupport.WORK.resolve("live-page.js").toString(), url,
                    BrowserSupport.SCREENSHOTS.toString(), viewer, TestLogin.PASSWORD).redirectErrorStream(true);
            node.environment().put("WATTLINE_CHROMIUM", chromium.toString());
            Process p = node.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the browser check did not finish in 180 s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(output);
            assertEquals(0, p.exitValue(), "browser checks failed (screenshot in " + BrowserSupport.SCREENSHOTS + "):\n"
                    + output);
        }
    }
}
