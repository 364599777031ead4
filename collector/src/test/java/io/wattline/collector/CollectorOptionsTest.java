package io.wattline.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.collector.plan.PlanStrategy;
import io.wattline.core.plant.PollingOptions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A connection's own polling options over the collector's defaults (1 retry, backoff 1 s → 60 s). */
class CollectorOptionsTest {

    private static final CollectorOptions DEFAULTS = CollectorOptions.defaults();

    @Test
    void noOptionsOfItsOwnKeepTheDefaults() {
        assertSame(DEFAULTS, DEFAULTS.forConnection(PollingOptions.DEFAULTS));
        assertSame(DEFAULTS, DEFAULTS.forConnection(null));
    }

    @Test
    void everyOptionGivenReplacesItsDefaultAndOnlyIt() {
        CollectorOptions o = DEFAULTS.forConnection(new PollingOptions("shrink", 3, Duration.ofMillis(500),
                Duration.ofSeconds(20), Duration.ofMillis(4)));
        assertEquals(new CollectorOptions(PlanStrategy.shrink(), 3, Duration.ofMillis(500), Duration.ofSeconds(20),
                Duration.ofMillis(4), DEFAULTS.healthWindow(), DEFAULTS.healthPublishPeriod()), o);
        assertEquals(PlanStrategy.maxInsert(40),
                DEFAULTS.forConnection(new PollingOptions("max_insert(40)", null, null, null, null)).strategy());
        assertEquals(0, DEFAULTS.forConnection(new PollingOptions(null, 0, null, null, null)).retries());
    }

    static Stream<Arguments> backoffs() {
        Duration s1 = Duration.ofSeconds(1);
        Duration s60 = Duration.ofSeconds(60);
        return Stream.of(
                Arguments.of("start alone, below the default cap", Duration.ofSeconds(5), null,
                        List.of(Duration.ofSeconds(5), s60)),
                Arguments.of("start alone, above the default cap: the cap rises to it", Duration.ofMinutes(2), null,
                        List.of(Duration.ofMinutes(2), Duration.ofMinutes(2))),
                Arguments.of("cap alone, above the default start", null, Duration.ofMinutes(10),
                        List.of(s1, Duration.ofMinutes(10))),
                Arguments.of("cap alone, below the default start: the start falls to it", null, Duration.ofMillis(400),
                        List.of(Duration.ofMillis(400), Duration.ofMillis(400))),
                Arguments.of("both", Duration.ofMillis(250), Duration.ofSeconds(2),
                        List.of(Duration.ofMillis(250), Duration.ofSeconds(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backoffs")
    void backoffStartAndCapResolveToAValidPair(String name, Duration start, Duration cap, List<Duration> expected) {
        CollectorOptions o = DEFAULTS.forConnection(new PollingOptions(null, null, start, cap, null));
        assertEquals(expected, List.of(o.initialBackoff(), o.maxBackoff()));
    }

    @Test
    void aProbeIntervalIsAFixedRestBetweenProbes() {
        CollectorOptions o = DEFAULTS.forConnection(new PollingOptions(null, null, null, null, null,
                Duration.ofSeconds(5)));
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), List.of(o.initialBackoff(), o.maxBackoff()));
        assertThrows(IllegalArgumentException.class, () -> new PollingOptions(null, null, Duration.ofSeconds(1), null,
                null, Duration.ofSeconds(5)), "a backoff and a probe interval together");
    }

    @Test
    void aMisspeltStrategyOrTooManyRetriesAreRefusedWithWhatIsAllowed() {
        IllegalArgumentException strategy = assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.forConnection(new PollingOptions("maxinsert", null, null, null, null)));
        assertEquals("request strategy 'maxinsert': expected none, shrink or max_insert(n) with n registers",
                strategy.getMessage());
        IllegalArgumentException retries = assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.forConnection(new PollingOptions(null, 11, null, null, null)));
        assertEquals("retries 11 outside 0..10", retries.getMessage());
    }

    /**
     * The plant file's schema checks a connection's strategy with a pattern (validate must name the
     * allowed forms with file and line); it must accept exactly what {@link PlanStrategy#parse} reads.
     */
    @Test
    void thePlantSchemasStrategyPatternAgreesWithTheParser() throws Exception {
        String schema;
        try (var in = getClass().getClassLoader().getResourceAsStream("schema/plant.schema.json")) {
            schema = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"pattern\": \"(\\^\\(none[^\"]*)\"")
                .matcher(schema);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "the strategy pattern in plant.schema.json");
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(m.group(1).replace("\\\\", "\\"));
        for (String text : List.of("none", "shrink", "max_insert(0)", "max_insert(10)", "max_insert(9999)",
                "max_insert(10000)", "max_insert()", "max_insert(-1)", "max_insert", "maxinsert(3)", "shrunk", "")) {
            boolean parses;
            try {
                PlanStrategy.parse(text);
                parses = true;
            } catch (IllegalArgumentException e) {
                parses = false;
            }
            assertEquals(parses, pattern.matcher(text).find(), "'" + text + "': schema and parser disagree");
        }
    }
}
