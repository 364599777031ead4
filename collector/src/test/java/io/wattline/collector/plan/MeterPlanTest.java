package io.wattline.collector.plan;

import static io.wattline.collector.support.TestProfiles.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.support.TestPlants;
import io.wattline.core.device.LearnedReadPlan;
import io.wattline.core.plant.Meter;
import io.wattline.profiles.AddressBase;
import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's plan around what it refuses: the reads leave refused points out and never join across a
 * refused span, the report suggests the profile's readable ranges without them (in the profile's own
 * address base), and what was learned survives a restart unless the profile changed.
 */
class MeterPlanTest {

    private static final RegisterFunction H = RegisterFunction.HOLDING;
    private static final Instant LEARNED = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path dir;

    private static DeviceProfile profile(AddressBase base) {
        List<PointDefinition> points = List.of(point("a", H, 0, DataType.FLOAT32), point("b", H, 2, DataType.FLOAT32),
                point("c", H, 6, DataType.FLOAT32), point("d", H, 20, DataType.FLOAT32));
        return new DeviceProfile("test/meter", "test", "meter", "test", 1, base, points,
                List.of(new RegisterRange(H, 0, 22)), Quirks.none(), List.of("tests"));
    }

    private static Meter meter() {
        return TestPlants.meter("m1", "test/meter", "bus", 3, Map.of("fast", Duration.ofSeconds(1)));
    }

    private static MeterPlan plan(DeviceProfile profile, LearnedPlanStore store) {
        return new MeterPlan(meter(), profile, PlanStrategy.maxInsert(20), Map.of("fast", profile.points()), store);
    }

    private static List<String> reads(MeterPlan plan) {
        return plan.requests("fast").stream().map(r -> r.start() + "+" + r.count() + " " + r.points().stream()
                .map(PointDefinition::name).toList()).toList();
    }

    @Test
    void refusedPointsAreLeftOutAndRefusedSpansAreNotReadAcross() {
        MeterPlan plan = plan(profile(AddressBase.ZERO), null);
        assertEquals(List.of("0+22 [a, b, c, d]"), reads(plan), "one read across the declared range");

        plan.learn(Map.of("c", "refused: exception 2 (illegal data address) from unit 3, FC 03 at 6 (0x0006) count 2"),
                List.of(new RegisterRange(H, 8, 20)), null, LEARNED);

        assertEquals(List.of("0+4 [a, b]", "20+2 [d]"), reads(plan));
        assertEquals(1, plan.refusedCount());
        assertEquals(4, plan.pointCount());
        assertTrue(plan.refusalReason("c").startsWith("refused: exception 2"));
    }

    @Test
    void theReportSuggestsTheReadableRangesInTheProfilesOwnAddressBase() {
        MeterPlan plan = plan(profile(AddressBase.ONE), null);
        assertTrue(plan.report().isEmpty(), "nothing learned, nothing to report");
        plan.learn(Map.of("c", "refused: exception 2"), List.of(new RegisterRange(H, 8, 20)), 16, LEARNED);

        LearnedReadPlan report = plan.report().orElseThrow();
        // PDU [0, 22) minus c's [6, 8) and the span [8, 20): [0, 6) and [20, 22), written 1-based.
        assertEquals(List.of(new LearnedReadPlan.Range("holding", 1, 6), new LearnedReadPlan.Range("holding", 21, 22)),
                report.suggestedReadable());
        assertEquals(List.of(new LearnedReadPlan.RefusedPoint("c", "refused: exception 2")), report.refused());
        assertEquals(16, report.learnedMaxRegisters());
        assertEquals(LEARNED, report.learnedAt());
        assertTrue(report.suggestion().contains("  - { function: holding, first: 0x0001, last: 0x0006 }\n"),
                report.suggestion());
        assertTrue(report.suggestion().contains("# point c is refused even alone"), report.suggestion());
        assertTrue(report.suggestion().contains("maxRegistersPerRequest: { value: 16,"), report.suggestion());
        assertEquals(List.of("fast"), report.reads().stream().map(LearnedReadPlan.Read::group).distinct().toList());
    }

    @Test
    void whatWasLearnedSurvivesARestartButNotAChangedProfile() throws Exception {
        LearnedPlanStore store = new LearnedPlanStore(dir.resolve("learned-plans"));
        plan(profile(AddressBase.ZERO), store).learn(Map.of("c", "refused: exception 2"), List.of(), null, LEARNED);
        assertTrue(Files.isRegularFile(dir.resolve("learned-plans/m1.json")));

        MeterPlan restarted = plan(profile(AddressBase.ZERO), store);
        assertEquals(1, restarted.refusedCount(), "read back after a restart");
        assertEquals(LEARNED, restarted.refusals().learnedAt());

        DeviceProfile changed = profile(AddressBase.ONE); // a corrected profile: learn afresh
        MeterPlan afterChange = plan(changed, store);
        assertEquals(0, afterChange.refusedCount());
        assertFalse(Files.exists(dir.resolve("learned-plans/m1.json")), "the stale knowledge is deleted");
    }

    @Test
    void forgettingAsksEveryPointAgain() {
        LearnedPlanStore store = new LearnedPlanStore(dir);
        MeterPlan plan = plan(profile(AddressBase.ZERO), store);
        plan.learn(Map.of("c", "refused"), List.of(), null, LEARNED);
        plan.forget();
        assertEquals(List.of("0+22 [a, b, c, d]"), reads(plan));
        assertFalse(Files.exists(dir.resolve("m1.json")));
    }
}
