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

    @Test
    void tenTabsStayLive() throws Exception {
        Path chromium = BrowserSupport.prepare();
        LaunchArguments demo = LaunchArguments.parse("demo", "--port", "0", "--data", data.toString(), "--opcua-port", "0");
        try (ConfigurableApplicationContext app = WattlineMain.start(demo)) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            ProcessBuilder node = new ProcessBuilder("node", BrowserSupport.WORK.resolve("many-tabs.js").toString(), base,
                    BrowserSupport.SCREENSHOTS.toString()).redirectErrorStream(true);
            node.environment().put("WATTLINE_CHROMIUM", chromium.toString());
            Process p = node.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the browser check did not finish in 300 s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(output);
            if (p.exitValue() != 0) {
                System.out.println(serverThreads()); // what the server was doing while a page hung
            }
            assertEquals(0, p.exitValue(), "browser checks failed (screenshot in " + BrowserSupport.SCREENSHOTS + "):\n"
                    + output);
        }
    }

    /** The stacks of the server's HTTP and stream threads, for the log when a page did not load. */
    private static String serverThreads() {
        StringBuilder out = new StringBuilder("server threads when the browser check failed:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (name.startsWith("reactor") || name.startsWith("boundedElastic") || name.startsWith("parallel")
                    || name.contains("stream") || name.contains("report")) {
                out.append("\"").append(name).append("\" ").append(thread.getState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return out.toString();
    }
}
