package io.wattline.notify.outbox;

import io.wattline.notify.sms.SmsException;
import io.wattline.notify.sms.SmsTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: one thread per transport claims the messages due on it, hands each
 * over, and records the outcome; a transport whose link is down is waited for, not failed.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final Duration IDLE = Duration.ofMillis(500);

    private final Outbox outbox;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    public OutboxDispatcher(Outbox outbox, List<SmsTransport> transports) {
        this.outbox = outbox;
        for (SmsTransport t : transports) {
            Thread w = new Thread(() -> run(t), "sms-" + t.id());
            w.setDaemon(true);
            workers.add(w);
        }
    }

    public void start() {
        workers.forEach(Thread::start);
    }

    private void run(SmsTransport transport) {
        try {
            while (running) {
                if (!transport.ready()) {
                    synchronized (this) {
                        wait(100);
                    }
                    continue;
                }
                Optional<Outbox.Claim> claim = outbox.claim(transport.id(), IDLE);
                if (claim.isPresent()) {
                    send(transport, claim.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(SmsTransport transport, Outbox.Claim c) {
        try {
            List<String> ids = transport.send(c.id(), c.to(), c.text());
            outbox.submitted(c.id(), ids);
            LOG.debug("SMS {} handed to {} as {}", c.id(), transport.id(), ids);
        } catch (SmsException e) {
            LOG.info("SMS {} not taken by {}: {}", c.id(), transport.id(), e.getMessage());
            outbox.failed(c.id(), e.getMessage(), e.permanent());
        } catch (RuntimeException e) {
            LOG.warn("SMS {}: transport {} failed", c.id(), transport.id(), e);
            outbox.failed(c.id(), e.toString(), false);
        }
    }

    /** Lets each worker finish the hand-over it is in (never interrupted: that would leave it in doubt). */
    @Override
    public void close() {
        running = false;
        for (Thread w : workers) {
            try {
                w.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
