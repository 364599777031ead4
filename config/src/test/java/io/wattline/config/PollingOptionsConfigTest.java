package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.Plant;
import io.wattline.core.plant.PollingOptions;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A connection's {@code polling} options (strategy, retries, backoff, inter-frame delay): each one
 * maps into core's {@link PollingOptions}, options left out stay null (the collector's default),
 * and each bad value is an error with file, line, field and what is allowed.
 */
class PollingOptionsConfigTest {

    /** valid-small.yaml's RS-485 connection 'bus' ends on this line (25); polling goes after it. */
    private static final String BUS_LAST_LINE = "    parity: E\n";

    private static String valid;

    @BeforeAll
    static void readBase() throws IOException {
        valid = resource("config/valid-small.yaml");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PollingOptionsConfigTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** valid-small.yaml with {@code polling} lines (from line 26) on the connection 'bus'. */
    private static String withBusPolling(String pollingLines) {
        assertTrue(valid.contains(BUS_LAST_LINE));
        return valid.replace(BUS_LAST_LINE, BUS_LAST_LINE + "    polling:\n" + pollingLines.replace("\\n", "\n"));
    }

    @Test
    void everyOptionMapsIntoTheConnectionAndTheOthersKeepTheDefaults() throws ConfigException {
        Plant plant = TestProfiles.loader().parse("plant.yaml", withBusPolling("""
                      strategy: max_insert(20)
                      retries: 3
                      backoff: { initial: 2s, max: 2m }
                      interFrameDelay: 5ms
                """));
        assertEquals(new PollingOptions("max_insert(20)", 3, Duration.ofSeconds(2), Duration.ofMinutes(2),
                Duration.ofMillis(5)), plant.connection("bus").orElseThrow().polling());
        assertTrue(plant.connection("tcp").orElseThrow().polling().isDefault(), "no polling block: all defaults");
        assertEquals(Duration.ofSeconds(1), plant.connection("bus").orElseThrow().timeout(),
                "the response timeout stays the connection's own field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '      strategy: none\\n'                  | none   |     |      |      |
            '      strategy: shrink\\n'                | shrink |     |      |      |
            '      strategy: max_insert(8)\\n'         | max_insert(8) | | |     |
            '      retries: 0\\n'                      |        | 0   |      |      |
            '      backoff: { initial: 500ms }\\n'     |        |     | 500  |      |
            '      backoff: { max: 300000ms }\\n'      |        |     |      | 300000 |
            '      interFrameDelay: 3ms\\n'            |        |     |      |      | 3
            """)
    void eachOptionAloneMapsAndLeavesTheRestNull(String lines, String strategy, Integer retries, Long initialMs,
            Long maxMs, Long interFrameMs) throws ConfigException {
        Plant plant = TestProfiles.loader().parse("plant.yaml", withBusPolling(lines));
        assertEquals(new PollingOptions(strategy, retries, millis(initialMs), millis(maxMs), millis(interFrameMs)),
                plant.connection("bus").orElseThrow().polling());
    }

    @Test
    void aProbeIntervalIsAFixedRestForTheCollector() throws ConfigException {
        Plant plant = TestProfiles.loader().parse("plant.yaml", withBusPolling("      probeInterval: 5s\n"));
        PollingOptions polling = plant.connection("bus").orElseThrow().polling();
        assertEquals(new PollingOptions(null, null, null, null, null, Duration.ofSeconds(5)), polling);
        assertEquals(Duration.ofSeconds(5), polling.initialBackoffOr(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(5), polling.maxBackoffOr(Duration.ofSeconds(60)));
    }

    private static Duration millis(Long ms) {
        return ms == null ? null : Duration.ofMillis(ms);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '      strategy: max_inserts(3)\\n'   | 27 | connections[1].polling.strategy | expected a request strategy: none, shrink or max_insert(n) with n registers, e.g. max_insert(10), got string "max_inserts(3)"
            '      strategy: fastest\\n'          | 27 | connections[1].polling.strategy | expected a request strategy: none, shrink or max_insert(n) with n registers, e.g. max_insert(10), got string "fastest"
            '      retries: 11\\n'                | 27 | connections[1].polling.retries  | expected integer from 0 to 10, got 11
            '      retries: -1\\n'                | 27 | connections[1].polling.retries  | expected integer from 0 to 10, got -1
            '      backoff: { initial: soon }\\n' | 27 | connections[1].polling.backoff.initial | expected a positive duration like 500ms, 1s, 15s, 1m or 1h, got string "soon"
            '      backoff: { initial: 2h }\\n'   | 27 | connections[1].polling.backoff.initial | expected at most 1h, got "2h"
            '      backoff: { initial: 10s, max: 5s }\\n' | 27 | connections[1].polling.backoff.max | the backoff cap 5s is shorter than its start 10s (backoff.initial); expected at least that
            '      interFrameDelay: 5s\\n'        | 27 | connections[1].polling.interFrameDelay | expected at most 1s, got "5s"
            '      probeInterval: 2h\\n'          | 27 | connections[1].polling.probeInterval | expected at most 1h, got "2h"
            '      probeInterval: 5s\\n      backoff: { max: 1m }\\n' | 27 | connections[1].polling.probeInterval | give either backoff (a rest that doubles from initial up to max) or probeInterval (a fixed rest), not both
            '      retires: 2\\n'                 | 27 | connections[1].polling.retires  | unknown field 'retires' (expected one of: strategy, retries, backoff, interFrameDelay, probeInterval); did you mean 'retries'?
            """)
    void eachBadValueIsOneErrorWithItsLineFieldAndWhatIsAllowed(String lines, int line, String field,
            String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TestProfiles.loader().parse("plant.yaml", withBusPolling(lines)));
        assertEquals(List.of(new ValidationError("plant.yaml", line, e.errors().get(0).column(), field, message)),
                e.errors(), e::getMessage);
        assertTrue(e.getMessage().contains("plant.yaml:" + line + ":"), e::getMessage);
    }

    @Test
    void anInterFrameDelayOnATcpConnectionIsAnError() {
        String text = valid.replace("    host: 10.0.0.5\n", "    host: 10.0.0.5\n    polling: { interFrameDelay: 2ms }\n");
        ConfigException e = assertThrows(ConfigException.class, () -> TestProfiles.loader().parse("plant.yaml", text));
        assertEquals(List.of(new ValidationError("plant.yaml", 21, e.errors().get(0).column(),
                "connections[0].polling.interFrameDelay", "field 'polling.interFrameDelay' does not apply to a"
                        + " modbus-tcp connection (only to modbus-rtu; a serial gateway keeps the silence on its own"
                        + " line)")), e.errors(), e::getMessage);
    }

    @Test
    void onAnOpcUaConnectionOnlyTheBackoffApplies() throws Exception {
        String opcUa = resource("config/valid-opcua-meter.yaml");
        String plc = "  - { id: plc, type: opc-ua, host: 10.0.0.9 }\n";
        assertTrue(opcUa.contains(plc));
        Plant plant = TestProfiles.loader().parse("plant.yaml", opcUa.replace(plc,
                "  - { id: plc, type: opc-ua, host: 10.0.0.9, polling: { backoff: { max: 10m } } }\n"));
        assertEquals(Duration.ofMinutes(10), plant.connection("plc").orElseThrow().polling().maxBackoff());

        ConfigException e = assertThrows(ConfigException.class, () -> TestProfiles.loader().parse("plant.yaml",
                opcUa.replace(plc, "  - { id: plc, type: opc-ua, host: 10.0.0.9, polling: { strategy: none, retries: 2 } }\n")));
        assertEquals(2, e.errors().size(), e::getMessage);
        for (ValidationError error : e.errors()) {
            assertEquals(26, error.line(), e::getMessage);
            assertTrue(error.message().endsWith("does not apply to a opc-ua connection (only backoff applies to an"
                    + " OPC UA session)"), error.message());
        }
        assertFalse(e.errors().get(0).field().equals(e.errors().get(1).field()));
    }

    @Test
    void theReferenceExampleSetsPollingOptionsOnItsBus() throws Exception {
        assertEquals(new PollingOptions("max_insert(20)", 2, null, null, null),
                DocumentationExampleTest.example().connection("rs485-1").orElseThrow().polling());
    }
}
