package io.wattline.alarms;

import io.wattline.alarms.journal.AlarmJournal;
import io.wattline.alarms.journal.JournalEntry;
import io.wattline.alarms.journal.JournalQuery;
import io.wattline.alarms.rule.AlarmRule;
import io.wattline.alarms.rule.RuleContext;
import io.wattline.alarms.rule.RuleFactory;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmSettings;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceHealthListener;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.live.SampleListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running alarm engine: an {@link AlarmProcessor} on one thread of its own, fed by the live
 * samples and device health (whose callbacks only queue, never block), ticked every second, with
 * the energy rules' figures read on a second thread. Listeners are told of every change on the
 * engine's thread; people's commands wait for their outcome. The current alarms are kept as an
 * immutable snapshot for the API and the north-bound server.
 */
public final class AlarmEngine implements SampleListener, DeviceHealthListener, AlarmCommands, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
    /** Samples waiting beyond this are dropped (and counted): the live path never waits for alarms. */
    static final int MAX_QUEUED = 100_000;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final AlarmProcessor processor;
    private final AlarmJournal journal;
    private final Clock clock;
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Thread engineThread;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        engineThread = daemon(r, "alarm-engine");
        return engineThread;
    });
    private final ScheduledExecutorService pollThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "alarm-energy-rules"));
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile List<AlarmView> snapshot;
    private volatile long lastDropLog;

    public AlarmEngine(AlarmProcessor processor, AlarmJournal journal, Clock clock) {
        this.processor = processor;
        this.journal = journal;
        this.clock = clock;
        this.snapshot = processor.alarms();
    }

    /** The engine of a plant's alarm settings, its state restored from the journal. */
    public static AlarmEngine create(PointCatalogue catalogue, AlarmSettings settings, EnergyFigures figures,
            AlarmJournal journal, Clock clock) {
        List<AlarmRule> rules = RuleFactory.create(settings.rules(), new RuleContext(catalogue, figures));
        AlarmProcessor processor = new AlarmProcessor(rules, settings.lineStops(), journal,
                catalogue.plant().zone(), clock, settings.maxShelve());
        return new AlarmEngine(processor, journal, clock);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts ticking (every {@code tick}) and polling the energy rules. */
    public AlarmEngine start(Duration tick) {
        thread.scheduleWithFixedDelay(() -> step(() -> processor.tick(clock.instant())), tick.toMillis(),
                tick.toMillis(), TimeUnit.MILLISECONDS);
        for (AlarmRule rule : processor.polledRules()) {
            long every = rule.pollEvery().toMillis();
            pollThread.scheduleWithFixedDelay(() -> poll(rule), Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
        }
        LOG.info("alarm engine: {} alarms configured, {} rules read energy figures", snapshot.size(),
                processor.polledRules().size());
        return this;
    }

    public AlarmEngine start() {
        return start(Duration.ofSeconds(1));
    }

    private void poll(AlarmRule rule) {
        try {
            var observations = rule.poll(clock.instant());
            if (!observations.isEmpty()) {
                execute(() -> processor.onPolled(observations));
            }
        } catch (RuntimeException e) {
            LOG.warn("alarm rule {} could not read its energy figures: {}", rule.definitions().get(0).ruleId(),
                    e.toString());
        }
    }

    /**
     * Adds a listener; it is first told of every alarm waiting for acknowledgement (as the change that
     * raised it), so one that joins late, or after a restart, misses nothing.
     */
    public void addListener(AlarmListener listener) {
        call(() -> {
            for (AlarmEvent e : processor.replay()) {
                tell(listener, e);
            }
            listeners.add(listener);
            return null;
        });
    }

    @Override
    public void onSample(Sample sample) {
        queue(() -> processor.onSample(sample));
    }

    @Override
    public void onHealth(DeviceHealth health) {
        queue(() -> processor.onHealth(health));
    }

    @Override
    public Outcome acknowledge(long alarmId, String actor, String comment) {
        return call(() -> processor.acknowledge(alarmId, actor, comment));
    }

    @Override
    public Outcome shelve(long alarmId, String actor, Duration duration, String reason) {
        return call(() -> processor.shelve(alarmId, actor, duration, reason));
    }

    @Override
    public Outcome unshelve(long alarmId, String actor, String comment) {
        return call(() -> processor.unshelve(alarmId, actor, comment));
    }

    /** Every configured alarm as of the last change. */
    public List<AlarmView> alarms() {
        return snapshot;
    }

    public List<JournalEntry> journal(JournalQuery query) {
        return journal.query(query);
    }

    /** Samples and health reports dropped because the engine fell behind. */
    public long droppedCount() {
        return dropped.get();
    }

    private void queue(Runnable work) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            long total = dropped.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastDropLog > 60_000_000_000L) {
                lastDropLog = now;
                LOG.warn("alarm engine is behind: {} samples dropped so far", total);
            }
            return;
        }
        execute(() -> {
            queued.decrementAndGet();
            work.run();
        });
    }

    private void execute(Runnable work) {
        try {
            thread.execute(() -> step(work));
        } catch (RejectedExecutionException closing) {
            LOG.debug("alarm engine closed: input ignored");
        }
    }

    /** Runs one step of the processor, then publishes the snapshot and tells the listeners. */
    private void step(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("alarm engine step failed", e);
        }
        publish();
    }

    private void publish() {
        List<AlarmEvent> events = processor.drainEvents();
        if (processor.takeChanged()) {
            snapshot = processor.alarms();
        }
        for (AlarmEvent e : events) {
            for (AlarmListener l : listeners) {
                tell(l, e);
            }
        }
    }

    private static void tell(AlarmListener listener, AlarmEvent event) {
        try {
            listener.onAlarm(event);
        } catch (RuntimeException e) {
            LOG.error("alarm listener {} failed on alarm {}", listener, event.alarmId(), e);
        }
    }

    /** Runs work on the engine's thread and waits for it; a listener that calls back runs it at once. */
    private <T> T call(Callable<T> work) {
        if (Thread.currentThread() == engineThread) {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException("alarm engine command failed: " + e, e);
            } finally {
                publish();
            }
        }
        try {
            return thread.submit(() -> {
                try {
                    return work.call();
                } finally {
                    publish();
                }
            }).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the alarm engine", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("alarm engine command failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the alarm engine did not answer within " + COMMAND_TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        pollThread.shutdownNow();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("alarm engine did not stop within 5 s");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
