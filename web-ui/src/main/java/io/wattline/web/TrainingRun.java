package io.wattline.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The launcher's class-data-sharing training run ({@code wattline.training-run=true}, never set by a
 * user): once the demo serves, asks it what a first visitor and a script ask (the page, the login
 * page, the latest values until a GOOD one arrives, bounded), then exits, so the archive written at
 * exit ({@code -XX:ArchiveClassesAtExit}) holds the classes of serving a first request and of the
 * devices' first readings too, not only those of building the context (issue 12, fast start).
 */
@Component
@ConditionalOnProperty(name = "wattline.training-run", havingValue = "true")
public class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    /** How long the run waits for the first GOOD value before it exits anyway. */
    static final Duration FIRST_GOOD_LIMIT = Duration.ofSeconds(90);
    private static final String DEMO_USER = "Basic "
            + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

    @EventListener(ApplicationReadyEvent.class)
    public void askThenExit(ApplicationReadyEvent ready) {
        ConfigurableApplicationContext context = ready.getApplicationContext();
        String port = context.getEnvironment().getProperty("local.server.port");
        Thread t = new Thread(() -> {
            try {
                ask("http://127.0.0.1:" + port);
            } catch (Exception e) {
                // still a useful archive: it holds what was loaded until now
                log.warn("training run: {} (the archive holds what was loaded until now)", e.toString());
            }
            System.exit(SpringApplication.exit(context, () -> 0));
        }, "training-run");
        t.start();
    }

    private static void ask(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        get(http, base + "/", true);
        get(http, base + "/login", false);
        get(http, base + "/app.css", false);
        long deadline = System.nanoTime() + FIRST_GOOD_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (get(http, base + "/api/points/latest", true).contains("\"GOOD\"")) {
                log.info("training run: first GOOD value served; exiting");
                return;
            }
            Thread.sleep(200);
        }
        log.warn("training run: no GOOD value within {} s; exiting", FIRST_GOOD_LIMIT.toSeconds());
    }

    private static String get(HttpClient http, String url, boolean signedIn) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (signedIn) {
            request.header("Authorization", DEMO_USER);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
