package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.Plant;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Site;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identical consumption queries share one computation, over a real DuckDB store: a closed period is
 * kept while only live readings arrive and recomputed once a late reading lands under it; an open
 * period is kept for its freshness only; requests in flight together share one computation.
 * Water meter: 1000 m3 at 08:00 rising 12 m3 an hour to 1120 m3 at 18:00 (plant time), so 10 h = 120 m3.
 */
@Timeout(60)
class SharedReportsTest {

    private static final PointId WATER = new PointId("water", "volume");
    private static final Instant FROM = Plant.at("2026-03-02T08:00");
    private static final Instant TO = Plant.at("2026-03-02T18:00");
    private static final ConsumptionQuery DAY = new ConsumptionQuery("meter", FROM, TO, "day", null, ReadPath.RAW,
            false);

    @TempDir
    Path data;

    private Historian historian;
    private AccountingService service;
    private final AtomicInteger computations = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Plant.at("2026-03-03T09:00"));

    @BeforeEach
    void write() {
        historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        for (int h = 0; h <= 10; h++) {
            historian.writer().offer(Sample.good(WATER, FROM.plus(Duration.ofHours(h)), 1000 + 12.0 * h));
        }
        historian.writer().flush();
        Meter meter = new Meter("water", "water", "x/y", "c", 1, EnergyCarrier.WATER, "u", null, null, null, null,
                Map.of());
        io.wattline.core.plant.Plant plant = new io.wattline.core.plant.Plant("p", Plant.ZONE,
                List.of(new Site("s", "厂")), List.of(new Area("u", "动力", "s")), List.of(), List.of(), List.of(),
                List.of(), List.of(meter), Plant.SHIFTS, Optional.empty());
        service = new AccountingService(plant, List.of(new MeteredPoint("water", WATER, Quantity.VOLUME, 0)),
                List.of(), historian.reader(), null, EnergyFactors.gbt2589Defaults(), Map.of());
    }

    @AfterEach
    void close() {
        historian.close();
    }

    private SharedReports shared(Function<ConsumptionQuery, ConsumptionReport> compute) {
        return new SharedReports(q -> {
            computations.incrementAndGet();
            return compute.apply(q);
        }, historian.changes(), clock, Duration.ofSeconds(5), 16);
    }

    @Test
    void aClosedPeriodIsKeptWhileOnlyLiveReadingsArriveAndRecomputedAfterALateOne() {
        SharedReports reports = shared(service::report);
        SharedReports.Answer first = reports.report(DAY);
        assertEquals(SharedReports.Source.COMPUTED, first.source());
        assertEquals(120, first.report().rows().get(0).value(), 1e-9);

        // a live reading, stamped now: the day before is not touched
        historian.writer().offer(Sample.good(WATER, clock.instant(), 1400));
        historian.writer().flush();
        SharedReports.Answer second = reports.report(DAY);
        assertEquals(SharedReports.Source.CACHED, second.source());
        assertSame(first.report(), second.report());
        assertEquals(1, computations.get());

        // a back-filled reading inside the period: the kept report is no longer the store's
        historian.writer().offer(Sample.good(WATER, Plant.at("2026-03-02T12:30"), 1054));
        historian.writer().flush();
        SharedReports.Answer third = reports.report(DAY);
        assertEquals(SharedReports.Source.COMPUTED, third.source());
        assertEquals(2, computations.get());
        assertEquals(120, third.report().rows().get(0).value(), 1e-9);
        assertEquals(SharedReports.Source.CACHED, reports.report(DAY).source());
    }

    @Test
    void aReplacementThroughTheImporterIsNeverHiddenByAKeptClosedReport() throws Exception {
        SharedReports reports = shared(service::report);
        assertEquals(120, reports.report(DAY).report().rows().get(0).value(), 1e-9);
        assertEquals(SharedReports.Source.CACHED, reports.report(DAY).source());

        // an engineer corrects the 18:00 reading (1120 -> 1130 m3): values change in place, no new seq
        java.util.List<io.wattline.core.audit.AuditEntry> audited = new java.util.ArrayList<>();
        io.wattline.analytics.importing.ReadingImporter importer = new io.wattline.analytics.importing.ReadingImporter(
                p -> p.equals(WATER) ? Optional.of(Quantity.VOLUME) : Optional.empty(), historian.readings(),
                historian.writer(), audited::add, Plant.ZONE, clock);
        io.wattline.analytics.importing.ImportResult result = importer.importCsv("fix.csv",
                new java.io.StringReader("water,volume,2026-03-02 18:00,1130\n"),
                new io.wattline.analytics.importing.ImportRequest(true, "eng", "console"), progress -> { });
        assertEquals(1, result.replaced(), result.toString());
        assertEquals(1, audited.size());

        SharedReports.Answer after = reports.report(DAY);
        assertEquals(SharedReports.Source.COMPUTED, after.source(), "the kept report is no longer the store's");
        assertEquals(130, after.report().rows().get(0).value(), 1e-9);
    }

    @Test
    void aBackFilledImportRecomputesAKeptClosedReport() throws Exception {
        SharedReports reports = shared(service::report);
        assertEquals(120, reports.report(DAY).report().rows().get(0).value(), 1e-9);
        io.wattline.analytics.importing.ReadingImporter importer = new io.wattline.analytics.importing.ReadingImporter(
                p -> p.equals(WATER) ? Optional.of(Quantity.VOLUME) : Optional.empty(), historian.readings(),
                historian.writer(), null, Plant.ZONE, clock);
        // a hand reading inside the day that was never read: same figures, but the store changed under the report
        assertEquals(1, importer.importCsv("hand.csv", new java.io.StringReader("water,volume,2026-03-02 12:30,1054\n"))
                .written());
        assertEquals(SharedReports.Source.COMPUTED, reports.report(DAY).source());
    }

    @Test
    void anOpenPeriodIsKeptForItsFreshnessOnly() {
        clock.set(Plant.at("2026-03-02T17:00"));
        ConsumptionQuery today = new ConsumptionQuery("meter", FROM, TO, "day", null, ReadPath.RAW, false);
        SharedReports reports = shared(service::report);
        assertEquals(SharedReports.Source.COMPUTED, reports.report(today).source());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(SharedReports.Source.CACHED, reports.report(today).source());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(SharedReports.Source.COMPUTED, reports.report(today).source());
        assertEquals(2, computations.get());
    }

    @Test
    void aPeriodWithAMeterHeldAtItsLastReadingIsKeptOnlyLikeAnOpenOne() {
        // the period runs past the last reading (18:00): the meter may still report the rest
        ConsumptionQuery pastTheData = new ConsumptionQuery("meter", FROM, Plant.at("2026-03-02T20:00"), "day", null,
                ReadPath.RAW, false);
        SharedReports reports = shared(service::report);
        SharedReports.Answer first = reports.report(pastTheData);
        assertEquals(SharedReports.Source.COMPUTED, first.source());
        // kept like an open period's, for its freshness only, though no new reading came
        clock.advance(Duration.ofSeconds(6));
        assertEquals(SharedReports.Source.COMPUTED, reports.report(pastTheData).source());
    }

    @Test
    void identicalRequestsInFlightShareOneComputation() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SharedReports reports = shared(q -> {
            computing.countDown();
            await(release);
            return service.report(q);
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<SharedReports.Answer> first = pool.submit(() -> reports.report(DAY));
            assertTrue(computing.await(10, TimeUnit.SECONDS));
            List<Future<SharedReports.Answer>> others = List.of(pool.submit(() -> reports.report(DAY)),
                    pool.submit(() -> reports.report(DAY)), pool.submit(() -> reports.report(DAY)));
            // the three wait for the first: give them time to join before it finishes
            awaitCondition(() -> others.stream().noneMatch(Future::isDone), Duration.ofMillis(300));
            release.countDown();
            assertEquals(SharedReports.Source.COMPUTED, first.get(10, TimeUnit.SECONDS).source());
            for (Future<SharedReports.Answer> f : others) {
                SharedReports.Answer a = f.get(10, TimeUnit.SECONDS);
                assertTrue(a.source() != SharedReports.Source.COMPUTED, "shared or kept, not computed: " + a.source());
                assertSame(first.get().report(), a.report());
            }
            assertEquals(1, computations.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks that {@code holds} stays true for {@code span} (the requests are still waiting). */
    private static void awaitCondition(java.util.function.BooleanSupplier holds, Duration span) throws InterruptedException {
        long end = System.nanoTime() + span.toNanos();
        while (System.nanoTime() < end) {
            assertTrue(holds.getAsBoolean(), "a request finished before the shared computation did");
            Thread.sleep(20);
        }
    }
}
