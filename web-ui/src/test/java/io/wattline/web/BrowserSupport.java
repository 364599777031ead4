package io.wattline.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser tests share: Chromium and node present (skip with what to install, fail under
 * CI), playwright-core and axe-core installed once into {@code target/browser}, the scripts copied there.
 */
public final class BrowserSupport {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path SCRIPT_SOURCE = MODULE.resolve("src/test/browser");
    public static final Path WORK = MODULE.resolve("target/browser");
    public static final Path SCREENSHOTS = MODULE.resolve("target/screenshots");
    private static final String INSTALL = "apt-get install -y chromium nodejs npm";

    private BrowserSupport() {
    }

    /** Checks the peers and prepares {@link #WORK}; returns the Chromium to drive. */
    public static Path prepare() throws IOException, InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("WATTLINE_CHROMIUM", "/usr/bin/chromium"));
        require(Files.isExecutable(chromium), "no Chromium at " + chromium + " (" + INSTALL + ")");
        require(onPath("node") && onPath("npm"), "node and npm are needed (" + INSTALL + ")");
        Files.createDirectories(WORK);
        Files.createDirectories(SCREENSHOTS);
        try (var scripts = Files.list(SCRIPT_SOURCE)) {
            for (Path f : scripts.toList()) {
                Files.copy(f, WORK.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))
                || !Files.isDirectory(WORK.resolve("node_modules/axe-core"))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent")
                    .directory(WORK.toFile()).redirectErrorStream(true).start();
            boolean done = npm.waitFor(240, TimeUnit.SECONDS);
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                npm.destroyForcibly();
            }
            require(done && npm.exitValue() == 0,
                    "npm could not install playwright-core and axe-core into " + WORK + " (needs the npm registry):\n" + output);
        }
        return chromium;
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
    static void require(boolean present, String message) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                fail(message);
            }
            return;
        }
        Assumptions.assumeTrue(present, message);
    }
}
