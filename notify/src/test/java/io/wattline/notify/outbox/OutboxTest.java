package io.wattline.notify.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.notification.RetryPolicy;
import io.wattline.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(60));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));

    private static OutgoingMessage message(String key, String... channels) {
        return new OutgoingMessage(key, "+8613800000001", "报警 " + key + "\t换行\n结束", List.of(channels), List.of(42L));
    }

    private Outbox.Claim claim(Outbox o, String channel) throws InterruptedException {
        return o.claim(channel, Duration.ZERO).orElseThrow(() -> new AssertionError("nothing due on " + channel));
    }

    @Test
    void aKeySeenBeforeIsNotQueuedAgain() throws Exception {
        try (Outbox o = Outbox.open(dir, RETRY, clock)) {
            long a = o.enqueue(message("k1", "smpp"));
            assertEquals(a, o.enqueue(message("k1", "smpp")));
            assertEquals(1, o.recent(10).size());
        }
    }

    @Test
    void statusFollowsSubmissionAndEveryPartsReceipt() throws Exception {
        try (Outbox o = Outbox.open(dir, RETRY, clock)) {
            long id = o.enqueue(message("k1", "smpp"));
            assertEquals(DeliveryStatus.QUEUED, o.status(id).orElseThrow().status());
            Outbox.Claim c = claim(o, "smpp");
            assertEquals(DeliveryStatus.SENDING, o.status(id).orElseThrow().status());
            assertFalse(o.notified("+8613800000001", 42), "not notified before a transport took it");
            o.submitted(c.id(), List.of("m1", "m2"));
            assertEquals(DeliveryStatus.SUBMITTED, o.status(id).orElseThrow().status());
            assertTrue(o.notified("+8613800000001", 42));
            assertFalse(o.notified("+8613800000001", 43));
            o.receipt("smpp", "m1", true, "DELIVRD");
            assertEquals(DeliveryStatus.SUBMITTED, o.status(id).orElseThrow().status(), "one part of two");
            o.receipt("smpp", "m2", true, "DELIVRD");
            assertEquals(DeliveryStatus.DELIVERED, o.status(id).orElseThrow().status());
        }
    }

    @Test
    void failuresAreRetriedWithBackoffThenOnTheNextChannelThenGivenUp() throws Exception {
        try (Outbox o = Outbox.open(dir, RETRY, clock)) {
            long id = o.enqueue(message("k1", "smpp", "modem"));
            o.failed(claim(o, "smpp").id(), "SMSC down", false);
            assertTrue(o.claim("smpp", Duration.ZERO).isEmpty(), "waits 5 s before the second attempt");
            clock.advance(Duration.ofSeconds(5));
            o.failed(claim(o, "smpp").id(), "SMSC down", false);
            clock.advance(Duration.ofSeconds(9));
            assertTrue(o.claim("smpp", Duration.ZERO).isEmpty(), "then 10 s");
            clock.advance(Duration.ofSeconds(1));
            o.failed(claim(o, "smpp").id(), "SMSC down", false);
            assertTrue(o.claim("smpp", Duration.ZERO).isEmpty(), "three attempts on smpp are all");
            Outbox.Claim onModem = claim(o, "modem");
            assertEquals(id, onModem.id());
            o.failed(onModem.id(), "number refused", true);
            DeliveryRecord r = o.status(id).orElseThrow();
            assertEquals(DeliveryStatus.FAILED, r.status());
            assertEquals(4, r.attempts());
            assertEquals("number refused", r.lastError());
        }
    }

    @Test
    void aRestartKeepsEverythingAndSendsAgainOnlyWhatWasInFlight() throws Exception {
        long waiting;
        long inFlight;
        long sent;
        try (Outbox o = Outbox.open(dir, RETRY, clock)) {
            sent = o.enqueue(message("sent", "smpp"));
            o.submitted(claim(o, "smpp").id(), List.of("m1"));
            inFlight = o.enqueue(message("in-flight", "smpp"));
            claim(o, "smpp");
            waiting = o.enqueue(message("waiting", "smpp"));
        }
        // A torn last line, as a crash in the middle of a write leaves it.
        Files.writeString(dir.resolve("outbox.log"), "A\t99", java.nio.file.StandardOpenOption.APPEND);
        try (Outbox o = Outbox.open(dir, RETRY, clock)) {
            assertEquals(DeliveryStatus.SUBMITTED, o.status(sent).orElseThrow().status());
            DeliveryRecord doubt = o.status(inFlight).orElseThrow();
            assertEquals(DeliveryStatus.QUEUED, doubt.status());
            assertTrue(doubt.resentAfterCrash());
            assertFalse(o.status(waiting).orElseThrow().resentAfterCrash());
            assertEquals("报警 waiting\t换行\n结束", o.status(waiting).orElseThrow().text());
            assertEquals(List.of(inFlight, waiting), List.of(claim(o, "smpp").id(), claim(o, "smpp").id()));
            assertEquals(sent, o.enqueue(message("sent", "smpp")), "keys survive the restart");
            o.receipt("smpp", "m1", false, "UNDELIV");
            assertEquals(DeliveryStatus.UNDELIVERED, o.status(sent).orElseThrow().status());
        }
    }
}
