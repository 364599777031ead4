package io.wattline.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A demo scenario ({@code ./wattline demo --scenario NAME}), as data in
 * {@code demo/scenarios/<name>.yaml}: load models that replace or add to the demo's (patterns and
 * meters by name), and the plant-local time the demo's clock starts at, so that what the scenario
 * shows happens within a minute whatever the time of day.
 *
 * @param startAt plant-local time of day the clock starts at (today), {@code HH:mm:ss}; null: now
 */
public record DemoScenario(String name, String description, String startAt,
        Map<String, LoadModels.Pattern> patterns, Map<String, LoadModels.MeterLoad> meters) {

    /** The scenarios shipped with the demo. */
    public static final List<String> NAMES = List.of("night-waste");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public DemoScenario {
        patterns = patterns == null ? Map.of() : Map.copyOf(patterns);
        meters = meters == null ? Map.of() : Map.copyOf(meters);
    }

    /**
     * A shipped scenario by name.
     *
     * @throws IllegalArgumentException naming the scenarios there are
     */
    public static DemoScenario load(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no demo scenario '" + name + "'; there are: " + String.join(", ", NAMES));
        }
        String resource = "demo/scenarios/" + name + ".yaml";
        try (InputStream in = DemoScenario.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("demo scenario resource " + resource + " is missing from the jar");
            }
            DemoScenario s = MAPPER.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), DemoScenario.class);
            s.startTime();
            return s;
        } catch (IOException | JacksonException e) {
            throw new IllegalArgumentException("cannot read demo scenario " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The demo's load models with this scenario's patterns and meters put in (replacing those of the same name). */
    public LoadModels applyTo(LoadModels base) {
        Map<String, LoadModels.Pattern> p = new LinkedHashMap<>(base.patterns());
        p.putAll(patterns);
        Map<String, LoadModels.MeterLoad> m = new LinkedHashMap<>(base.meters());
        m.putAll(meters);
        return new LoadModels(base.seed(), base.grid(), p, m, base.fixedPoints());
    }

    /**
     * A clock that reads {@link #startAt}, plant-local, now, and runs on from there: its latest occurrence not
     * after now (today's, else yesterday's), so the demo never stamps a reading in the future (between midnight
     * and 02:06:30 a clock set to today's 02:06:30 ran ahead of the system's, and the readings were judged as
     * from the future).
     */
    public Clock clock(ZoneId zone, Clock base) {
        LocalTime start = startTime();
        if (start == null) {
            return base;
        }
        LocalDate today = base.instant().atZone(zone).toLocalDate();
        Instant at = today.atTime(start).atZone(zone).toInstant();
        if (at.isAfter(base.instant())) {
            at = today.minusDays(1).atTime(start).atZone(zone).toInstant();
        }
        return Clock.offset(base, Duration.between(base.instant(), at));
    }

    private LocalTime startTime() {
        if (startAt == null || startAt.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(startAt.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("demo scenario " + name + ": startAt '" + startAt
                    + "' is not a time of day like 02:06:30", e);
        }
    }
}
