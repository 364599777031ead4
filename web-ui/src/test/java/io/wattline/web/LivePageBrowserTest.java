package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SCRIPT_SOURCE = MODULE.resolve("src/test/browser");
    private static final Path WORK = MODULE.resolve("target/browser");
    private static final Path SCREENSHOTS = MODULE.resolve("target/screenshots");
    private static final String INSTALL = "apt-get install -y chromium nodejs npm";

    @TempDir
    Path data;

    @Test
    void livePageShowsUpdatesAndSwitchesLanguage() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("WATTLINE_CHROMIUM", "/usr/bin/chromium"));
        require(Files.isExecutable(chromium), "no Chromium at " + chromium + " (" + INSTALL + ")");
        require(onPath("node") && onPath("npm"), "node and npm are needed (" + INSTALL + ")");
        preparePlaywright();
        Files.createDirectories(SCREENSHOTS);

        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--data", data.toString());
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/";
            String viewer = TestLogin.user(app, io.wattline.web.security.Role.VIEWER);
            ProcessBuilder node = new ProcessBuilder("node", WORK.resolve("live-page.js").toString(), url,
                    SCREENSHOTS.toString(), viewer, TestLogin.PASSWORD).redirectErrorStream(true);
            node.environment().put("WATTLINE_CHROMIUM", chromium.toString());
            Process p = node.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the browser check did not finish in 180 s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(output);
            assertEquals(0, p.exitValue(), "browser checks failed (screenshot in " + SCREENSHOTS + "):\n" + output);
        }
    }

    /** Installs playwright-core (npm registry) into target/browser once per clean build. */
    private static void preparePlaywright() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "live-page.js")) {
            Files.copy(SCRIPT_SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        boolean done = npm.waitFor(240, TimeUnit.SECONDS);
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            npm.destroyForcibly();
        }
        require(done && npm.exitValue() == 0,
                "npm could not install playwright-core into " + WORK + " (needs the npm registry):\n" + output);
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Skips with what to install, except under CI, where a missing peer is a failure. */
    private static void require(boolean present, String message) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                fail(message);
            }
            return;
        }
        Assumptions.assumeTrue(present, message);
    }
}
