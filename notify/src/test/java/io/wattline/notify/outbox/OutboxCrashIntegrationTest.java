package io.wattline.notify.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.notify.smpp.SmscPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test for the outbox: a child JVM holding 100 queued SMS is killed with SIGKILL;
 * after a restart every one of them reaches the SMSC, and the SMSC's received message references
 * (the {@code user_message_reference} each submit_sm carries: the outbox id) show none twice.
 */
@Tag("integration")
class OutboxCrashIntegrationTest {

    private static final Path WORK = Path.of("target/node-smpp").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path data;

    /** A child JVM and the lines it printed. */
    private record Child(Process process, CompletableFuture<String> resent, CompletableFuture<Integer> queued) {
    }

    private static Child child(Path dir, int port, int count, double rate) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OutboxCrashChild.class.getName(),
                dir.toString(), String.valueOf(port), String.valueOf(count), String.valueOf(rate))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<String> resent = new CompletableFuture<>();
        CompletableFuture<Integer> queued = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("RESENT ")) {
                        resent.complete(line.substring(7));
                    } else if (line.startsWith("QUEUED ")) {
                        queued.complete(Integer.parseInt(line.substring(7).trim()));
                    }
                }
            } catch (IOException e) {
                queued.completeExceptionally(e);
            }
            resent.complete("?");
            queued.complete(-1);
        }, "crash-child");
        reader.setDaemon(true);
        reader.start();
        return new Child(p, resent, queued);
    }

    private static void sigkill(Child c) throws InterruptedException {
        c.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        assertTrue(c.process().waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, c.process().exitValue(), "killed by SIGKILL (128 + 9)");
    }

    private static void stop(Child c) throws Exception {
        c.process().getOutputStream().close();
        if (!c.process().waitFor(15, TimeUnit.SECONDS)) {
            c.process().destroyForcibly();
        }
    }

    /** How often the SMSC received each outbox id. */
    private static Map<String, Long> received(SmscPeer smsc) {
        return smsc.events("submit").stream()
                .collect(Collectors.groupingBy(e -> e.get("userMessageReference"), Collectors.counting()));
    }

    @Test
    void aHundredSmsQueuedWhenKilledAreEachSentOnceAfterTheRestart() throws Exception {
        int port = SmscPeer.freePort();
        // The SMSC is not reachable yet: the 100 SMS stay queued.
        Child first = child(data, port, 100, 200);
        assertEquals(100, first.queued().get(60, TimeUnit.SECONDS));
        sigkill(first);

        try (SmscPeer smsc = SmscPeer.start(WORK, port, null)) {
            Child second = child(data, port, 100, 200);
            assertEquals("[]", second.resent().get(60, TimeUnit.SECONDS));
            assertEquals(100, second.queued().get(60, TimeUnit.SECONDS), "nothing lost, nothing added");
            smsc.awaitCount("submit", e -> true, 100, WAIT);
            stop(second);
            Map<String, Long> ids = received(smsc);
            assertEquals(100, ids.size(), "every outbox id arrived: " + ids.keySet());
            assertTrue(ids.values().stream().allMatch(n -> n == 1), "none twice: " + ids);
            assertEquals(100, smsc.events("submit").size());
            assertEquals(100, smsc.events("submit").stream().map(e -> e.get("text")).distinct().count());
        }
    }

    @Test
    void killedWhileSendingItLosesNoneAndResendsAtMostTheOneInFlight() throws Exception {
        try (SmscPeer smsc = SmscPeer.start(WORK, SmscPeer.freePort(), null)) {
            Child first = child(data, smsc.port(), 100, 20);
            assertEquals(100, first.queued().get(60, TimeUnit.SECONDS));
            smsc.awaitCount("submit", e -> true, 30, WAIT);
            sigkill(first);
            int beforeRestart = smsc.events("submit").size();
            assertTrue(beforeRestart < 100, "killed with messages still queued: " + beforeRestart + " sent");

            Child second = child(data, smsc.port(), 100, 200);
            String resent = second.resent().get(60, TimeUnit.SECONDS);
            smsc.await("submit", e -> e.get("text").endsWith("#100"), WAIT);
            smsc.awaitCount("submit", e -> true, 100, WAIT);
            stop(second);
            Map<String, Long> ids = received(smsc);
            assertEquals(100, ids.size(), "every outbox id arrived: " + ids.keySet());
            Map<String, Long> twice = new HashMap<>(ids);
            twice.values().removeIf(n -> n == 1);
            // The one SMS being handed over at the instant of the kill may have reached the SMSC
            // before its answer was recorded: it is resent and flagged, and it is the only candidate.
            assertTrue(twice.keySet().stream().allMatch(id -> resent.equals("[" + id + "]")),
                    "only the message in flight may arrive twice: twice " + twice + ", resent " + resent);
            assertTrue(List.of(0, 1).contains(twice.size()));
        }
    }
}
