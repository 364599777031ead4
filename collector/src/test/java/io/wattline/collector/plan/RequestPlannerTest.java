package io.wattline.collector.plan;

import static io.wattline.collector.support.TestProfiles.point;
import static io.wattline.collector.support.TestProfiles.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.RegisterRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestPlannerTest {

    private static final RegisterFunction H = RegisterFunction.HOLDING;
    private static final RegisterFunction I = RegisterFunction.INPUT;
    private static final RegisterFunction C = RegisterFunction.COIL;

    private static PointDefinition u16(String name, int address) {
        return point(name, H, address, DataType.UINT16);
    }

    private static PointDefinition f32(String name, int address) {
        return point(name, H, address, DataType.FLOAT32);
    }

    private static RegisterRange range(int start, int end) {
        return new RegisterRange(H, start, end);
    }

    private static Quirks quirks(int max, boolean even, boolean onePerPoint) {
        return new Quirks(max, even, Duration.ZERO, onePerPoint);
    }

    /**
     * Each case: points, readable ranges, quirks, and the expected plan written as
     * {@code FUNCTION start+count [points]}, one request each, in the order the planner returns.
     */
    static Stream<Arguments> cases() {
        Quirks none = Quirks.none();
        return Stream.of(
                Arguments.of("adjacent points coalesce without declared ranges",
                        List.of(u16("a", 0), u16("b", 1), f32("c", 2)), List.of(), none,
                        List.of("HOLDING 0+4 [a, b, c]")),
                Arguments.of("a gap without declared ranges splits",
                        List.of(u16("a", 0), u16("b", 2)), List.of(), none,
                        List.of("HOLDING 0+1 [a]", "HOLDING 2+1 [b]")),
                Arguments.of("a gap inside a readable range is read across",
                        List.of(f32("a", 0), f32("b", 10)), List.of(range(0, 20)), none,
                        List.of("HOLDING 0+12 [a, b]")),
                Arguments.of("a gap reaching outside every range splits",
                        List.of(f32("a", 0), f32("b", 10)), List.of(range(0, 5), range(8, 20)), none,
                        List.of("HOLDING 0+2 [a]", "HOLDING 10+2 [b]")),
                Arguments.of("a readable range of another function does not help",
                        List.of(f32("a", 0), f32("b", 10)), List.of(new RegisterRange(I, 0, 20)), none,
                        List.of("HOLDING 0+2 [a]", "HOLDING 10+2 [b]")),
                Arguments.of("the register limit splits a run",
                        List.of(f32("a", 0), f32("b", 2), f32("c", 4)), List.of(), quirks(4, false, false),
                        List.of("HOLDING 0+4 [a, b]", "HOLDING 4+2 [c]")),
                Arguments.of("a point longer than the limit is still read whole",
                        List.of(point("big", H, 0, DataType.FLOAT64)), List.of(), quirks(2, false, false),
                        List.of("HOLDING 0+4 [big]")),
                Arguments.of("even count pads after the read inside a range",
                        List.of(u16("a", 10)), List.of(range(0, 20)), quirks(125, true, false),
                        List.of("HOLDING 10+2 [a]")),
                Arguments.of("even count pads before the read when only that is readable",
                        List.of(u16("a", 19)), List.of(range(0, 20)), quirks(125, true, false),
                        List.of("HOLDING 18+2 [a]")),
                Arguments.of("even count never pads into undeclared registers",
                        List.of(u16("a", 10)), List.of(), quirks(125, true, false),
                        List.of("HOLDING 10+1 [a]")),
                Arguments.of("even count turns an odd limit into the even one below",
                        List.of(u16("a", 0), u16("b", 1), u16("c", 2), u16("d", 3), u16("e", 4)),
                        List.of(range(0, 10)), quirks(5, true, false),
                        List.of("HOLDING 0+4 [a, b, c, d]", "HOLDING 4+2 [e]")),
                Arguments.of("one request per point even when adjacent",
                        List.of(u16("a", 0), u16("b", 1)), List.of(range(0, 10)), quirks(125, false, true),
                        List.of("HOLDING 0+1 [a]", "HOLDING 1+1 [b]")),
                Arguments.of("functions are never mixed in one read",
                        List.of(point("i", I, 1, DataType.UINT16), u16("h", 0)), List.of(), none,
                        List.of("HOLDING 0+1 [h]", "INPUT 1+1 [i]")),
                Arguments.of("bits of one status word share one read",
                        List.of(point("b3", H, 5, DataType.BIT), point("b0", H, 5, DataType.BIT)),
                        List.of(), none,
                        List.of("HOLDING 5+1 [b3, b0]")),
                Arguments.of("points given out of order are sorted",
                        List.of(u16("c", 2), u16("a", 0), u16("b", 1)), List.of(), none,
                        List.of("HOLDING 0+3 [a, b, c]")),
                Arguments.of("coils coalesce and ignore the even-count quirk",
                        List.of(point("c0", C, 0, DataType.UINT16), point("c1", C, 1, DataType.UINT16),
                                point("c2", C, 2, DataType.UINT16)),
                        List.of(), quirks(125, true, false),
                        List.of("COIL 0+3 [c0, c1, c2]")),
                Arguments.of("no points, no reads", List.of(), List.of(range(0, 10)), none, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String name, List<PointDefinition> points, List<RegisterRange> readable, Quirks quirks,
            List<String> expected) {
        DeviceProfile profile = profile("test/planner", points, readable, quirks);
        List<String> actual = RequestPlanner.plan(points, profile).stream()
                .map(r -> r.function() + " " + r.start() + "+" + r.count() + " "
                        + r.points().stream().map(PointDefinition::name).toList())
                .toList();
        assertEquals(expected, actual);
    }

    /** Each case: strategy, points, readable ranges, quirks, expected plan (as in {@link #cases()}). */
    static Stream<Arguments> strategyCases() {
        Quirks none = Quirks.none();
        List<PointDefinition> gappy = List.of(u16("a", 0), u16("b", 1), f32("c", 4), f32("d", 20));
        List<RegisterRange> wide = List.of(range(0, 40));
        return Stream.of(
                Arguments.of("none reads every point alone, even adjacent ones", PlanStrategy.none(),
                        gappy, wide, none,
                        List.of("HOLDING 0+1 [a]", "HOLDING 1+1 [b]", "HOLDING 4+2 [c]", "HOLDING 20+2 [d]")),
                Arguments.of("none still pads for an even count inside a range", PlanStrategy.none(),
                        List.of(u16("a", 0), u16("b", 1)), wide, quirks(125, true, false),
                        List.of("HOLDING 0+2 [a]", "HOLDING 1+2 [b]")),
                Arguments.of("shrink joins adjacent points and never crosses a gap", PlanStrategy.shrink(),
                        gappy, wide, none,
                        List.of("HOLDING 0+2 [a, b]", "HOLDING 4+2 [c]", "HOLDING 20+2 [d]")),
                Arguments.of("shrink joins overlapping points", PlanStrategy.shrink(),
                        List.of(f32("whole", 0), u16("low", 1), point("bit", H, 1, DataType.BIT)), List.of(), none,
                        List.of("HOLDING 0+2 [whole, low, bit]")),
                Arguments.of("max_insert(2) crosses a gap of 2 but not one of 14", PlanStrategy.maxInsert(2),
                        gappy, wide, none,
                        List.of("HOLDING 0+6 [a, b, c]", "HOLDING 20+2 [d]")),
                Arguments.of("max_insert(14) crosses both gaps", PlanStrategy.maxInsert(14),
                        gappy, wide, none,
                        List.of("HOLDING 0+22 [a, b, c, d]")),
                Arguments.of("max_insert fills only readable gaps", PlanStrategy.maxInsert(100),
                        gappy, List.of(range(0, 10)), none,
                        List.of("HOLDING 0+6 [a, b, c]", "HOLDING 20+2 [d]")),
                Arguments.of("max_insert honours the register limit", PlanStrategy.maxInsert(100),
                        gappy, wide, quirks(6, false, false),
                        List.of("HOLDING 0+6 [a, b, c]", "HOLDING 20+2 [d]")),
                Arguments.of("oneRequestPerPoint beats max_insert", PlanStrategy.maxInsert(100),
                        List.of(u16("a", 0), u16("b", 1)), wide, quirks(125, false, true),
                        List.of("HOLDING 0+1 [a]", "HOLDING 1+1 [b]")),
                Arguments.of("max_insert on coils crosses bit gaps", PlanStrategy.maxInsert(3),
                        List.of(point("c0", C, 0, DataType.UINT16), point("c4", C, 4, DataType.UINT16)),
                        List.of(new RegisterRange(C, 0, 8)), none,
                        List.of("COIL 0+5 [c0, c4]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategyCases")
    void plansByStrategy(String name, PlanStrategy strategy, List<PointDefinition> points,
            List<RegisterRange> readable, Quirks quirks, List<String> expected) {
        DeviceProfile profile = profile("test/strategy", points, readable, quirks);
        List<String> actual = RequestPlanner.plan(points, profile, strategy).stream()
                .map(r -> r.function() + " " + r.start() + "+" + r.count() + " "
                        + r.points().stream().map(PointDefinition::name).toList())
                .toList();
        assertEquals(expected, actual);
    }

    @Test
    void strategiesParseByName() {
        assertEquals(PlanStrategy.none(), PlanStrategy.parse("none"));
        assertEquals(PlanStrategy.shrink(), PlanStrategy.parse(" Shrink "));
        assertEquals(PlanStrategy.maxInsert(12), PlanStrategy.parse("max_insert(12)"));
        assertEquals("max_insert(12)", PlanStrategy.maxInsert(12).toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PlanStrategy.parse("max_insert"));
        assertTrue(e.getMessage().contains("expected none, shrink or max_insert(n)"), e.getMessage());
    }

    private static final List<PlanStrategy> STRATEGIES = List.of(PlanStrategy.none(), PlanStrategy.shrink(),
            PlanStrategy.maxInsert(0), PlanStrategy.maxInsert(3), PlanStrategy.maxInsert(10),
            PlanStrategy.maxInsert(125));

    /**
     * For random point sets, ranges and quirks, and every strategy, every plan keeps the rules:
     * each point is read exactly once, whole and with its own definition, no read exceeds the limit
     * (unless it is one oversized point), every register read belongs to a due point or to a
     * declared readable range, {@code none} reads points alone, and no read crosses a gap wider
     * than the strategy allows.
     */
    @Test
    void randomPlansKeepTheRules() {
        Random random = new Random(20261125);
        DataType[] types = {DataType.UINT16, DataType.INT32, DataType.FLOAT32, DataType.FLOAT64, DataType.BIT};
        for (int round = 0; round < 2000; round++) {
            List<PointDefinition> points = new ArrayList<>();
            int n = 1 + random.nextInt(30);
            for (int i = 0; i < n; i++) {
                RegisterFunction fn = random.nextInt(5) == 0 ? I : H;
                points.add(point("p" + i, fn, random.nextInt(300), types[random.nextInt(types.length)]));
            }
            List<RegisterRange> readable = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                int start = random.nextInt(300);
                readable.add(new RegisterRange(random.nextBoolean() ? H : I, start, start + 1 + random.nextInt(80)));
            }
            Collections.shuffle(points, random);
            Quirks quirks = quirks(1 + random.nextInt(125), random.nextBoolean(), random.nextInt(8) == 0);
            for (PlanStrategy strategy : STRATEGIES) {
                checkRules("round " + round + " " + strategy, points, readable, quirks, strategy);
            }
        }
    }

    private static void checkRules(String where, List<PointDefinition> points, List<RegisterRange> readable,
            Quirks quirks, PlanStrategy strategy) {
        List<ReadRequest> plan = RequestPlanner.plan(points, profile("test/random", points, readable, quirks), strategy);
        List<PointDefinition> read = plan.stream().flatMap(r -> r.points().stream()).toList();
        assertEquals(points.stream().sorted(java.util.Comparator.comparing(PointDefinition::name)).toList(),
                read.stream().sorted(java.util.Comparator.comparing(PointDefinition::name)).toList(), where);
        for (ReadRequest r : plan) {
            if (!strategy.joins() || quirks.oneRequestPerPoint()) {
                assertEquals(1, r.points().size(), where + ": " + r);
            }
            int widestGap = 0;
            int covered = r.points().get(0).end();
            for (PointDefinition p : r.points()) {
                widestGap = Math.max(widestGap, p.address() - covered);
                covered = Math.max(covered, p.end());
            }
            assertTrue(widestGap <= Math.max(0, strategy.maxGap()), where + ": gap " + widestGap + " in " + r);
            boolean single = r.points().size() == 1;
            assertTrue(r.count() <= quirks.maxRegistersPerRequest() || single,
                    where + ": " + r + " exceeds " + quirks.maxRegistersPerRequest());
            for (int a = r.start(); a < r.end(); a++) {
                int address = a;
                boolean declared = r.points().stream().anyMatch(p -> p.address() <= address && address < p.end());
                boolean inRange = readable.stream().anyMatch(g -> g.contains(r.function(), address, address + 1));
                assertTrue(declared || inRange, where + ": " + r.function() + " register "
                        + address + " of " + r.start() + "+" + r.count() + " is neither a point nor readable; ranges "
                        + readable.stream().map(Object::toString).collect(Collectors.joining(", ")));
            }
        }
    }
}
