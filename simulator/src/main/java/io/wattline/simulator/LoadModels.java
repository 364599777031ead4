package io.wattline.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * How the simulated plant behaves, as data ({@code demo/loads.yaml}): activity patterns over the
 * shifts, and per meter a load model (idle and full load, noise, compressor cycle, sums of
 * sub-meters plus unmetered loads). Meters missing here get a default model from their carrier.
 *
 * @param seed        seed of every random choice (noise, initial counter readings, phases)
 * @param grid        the supply every electricity meter sees
 * @param patterns    activity patterns by name
 * @param meters      load model per meter id of the plant
 * @param fixedPoints per profile id, points served with a constant value (settings, offsets)
 */
public record LoadModels(
        Long seed,
        Grid grid,
        Map<String, Pattern> patterns,
        Map<String, MeterLoad> meters,
        Map<String, Map<String, Double>> fixedPoints) {

    /** The resource the demo plant's load models are read from. */
    public static final String DEMO_RESOURCE = "demo/loads.yaml";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public LoadModels {
        seed = seed == null ? 1L : seed;
        grid = grid == null ? Grid.DEFAULT : grid;
        patterns = patterns == null ? Map.of() : new LinkedHashMap<>(patterns);
        meters = meters == null ? Map.of() : new LinkedHashMap<>(meters);
        fixedPoints = fixedPoints == null ? Map.of() : Map.copyOf(fixedPoints);
    }

    /** No explicit models: every meter gets the default of its carrier. */
    public static LoadModels defaults() {
        return new LoadModels(1L, Grid.DEFAULT, Map.of(), Map.of(), Map.of());
    }

    /** The same models with another seed (tests and {@code --seed} use it). */
    public LoadModels withSeed(long newSeed) {
        return new LoadModels(newSeed, grid, patterns, meters, fixedPoints);
    }

    /** Reads load models from a class-path resource; errors name the resource, line and field. */
    public static LoadModels fromResource(String resource) {
        try (InputStream in = LoadModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("load model resource '" + resource + "' not found on the class path");
            }
            return parse(resource, in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read load model resource '" + resource + "': " + e.getMessage(), e);
        }
    }

    /** Parses load models; {@code source} names the file in error messages. */
    public static LoadModels parse(String source, InputStream yaml) {
        String text;
        try {
            text = new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage(), e);
        }
        try {
            LoadModels models = MAPPER.readValue(text, LoadModels.class);
            models.check(source);
            return models;
        } catch (JacksonException e) {
            List<String> path = new ArrayList<>();
            for (JacksonException.Reference r : e.getPath()) {
                path.add(r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]");
            }
            int line = lineOf(text, path);
            if (line < 0 && e.getLocation() != null) {
                line = e.getLocation().getLineNr();
            }
            throw new IllegalArgumentException(source + (line > 0 ? ":" + line : "")
                    + (path.isEmpty() ? "" : " at " + String.join(".", path).replace(".[", "["))
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The line of the innermost key of {@code path}: each key searched after its parent's line. */
    private static int lineOf(String text, List<String> path) {
        String[] lines = text.split("\\R", -1);
        int from = 0;
        int found = -1;
        for (String key : path) {
            if (key.startsWith("[")) {
                continue;
            }
            java.util.regex.Pattern keyPattern = java.util.regex.Pattern.compile(
                    "(^|[\\s{,])\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:");
            found = -1;
            for (int i = from; i < lines.length; i++) {
                if (keyPattern.matcher(lines[i]).find()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return -1;
            }
            from = found;
        }
        return found < 0 ? -1 : found + 1;
    }

    private void check(String source) {
        patterns.forEach((name, p) -> p.breakWindows(source + ": patterns." + name));
        meters.forEach((id, m) -> {
            String where = source + ": meters." + id;
            if (m.kind() == null) {
                throw new IllegalArgumentException(where + ".kind is missing; expected electricity, flow or temperature");
            }
            MeterKind kind = m.kindValue(where);
            if (m.pipe() != null && kind != MeterKind.FLOW) {
                throw new IllegalArgumentException(where + ".pipe: only flow meters have a pipe, this one is " + m.kind());
            }
            checkTerm(where, m.pattern(), m.follows(), m.sumOf());
            if (m.extra() != null) {
                for (int i = 0; i < m.extra().size(); i++) {
                    Term t = m.extra().get(i);
                    checkTerm(where + ".extra[" + i + "]", t.pattern(), t.follows(), null);
                }
            }
        });
    }

    private void checkTerm(String where, String pattern, String follows, List<String> sumOf) {
        // meters named by follows and sumOf are checked against the plant when the model is built
        if (pattern != null && !patterns.containsKey(pattern)) {
            throw new IllegalArgumentException(where + ".pattern '" + pattern + "' is not one of "
                    + patterns.keySet());
        }
        if (follows != null && sumOf != null) {
            throw new IllegalArgumentException(where + ": a meter either follows another or is a sumOf others, not both");
        }
    }

    /** Nominal supply: phase voltage in V and frequency in Hz, each with a relative noise. */
    public record Grid(double voltage, double voltageNoise, double frequency, double frequencyNoise) {
        public static final Grid DEFAULT = new Grid(230.0, 0.003, 50.0, 0.0002);
    }

    /**
     * Activity level 0..1 of a group of consumers over the shifts of the plant's calendar.
     *
     * @param shifts      level per shift id; shifts not listed run at 1.0
     * @param breaks      daily windows (local time) where the level drops to the break's level
     * @param rampMinutes the level moves to a new value over this many minutes, not in a step
     */
    public record Pattern(Map<String, Double> shifts, List<Break> breaks, Integer rampMinutes) {
        public Pattern {
            shifts = shifts == null ? Map.of() : Map.copyOf(shifts);
            breaks = breaks == null ? List.of() : List.copyOf(breaks);
            rampMinutes = rampMinutes == null ? 1 : Math.max(1, rampMinutes);
        }

        List<BreakWindow> breakWindows(String where) {
            return breaks.stream().map(b -> b.window(where)).toList();
        }
    }

    /** A break: from {@code start} to {@code end} (HH:mm, local), activity at {@code level}. */
    public record Break(String start, String end, double level) {
        BreakWindow window(String where) {
            try {
                return new BreakWindow(LocalTime.parse(Objects.requireNonNull(start, "start")),
                        LocalTime.parse(Objects.requireNonNull(end, "end")), level);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException(where + ".breaks: start and end must be HH:mm, got '"
                        + start + "'..'" + end + "'", e);
            }
        }
    }

    /** A parsed break window [start, end) in local time; end before start crosses midnight. */
    record BreakWindow(LocalTime start, LocalTime end, double level) {
        boolean contains(LocalTime t) {
            return start.isBefore(end)
                    ? !t.isBefore(start) && t.isBefore(end)
                    : !t.isBefore(start) || t.isBefore(end);
        }
    }

    /** A compressor's load/unload cycle: loaded for duty × {@code seconds} of every cycle. */
    public record Cycle(double seconds, double dutyIdle, double dutyFull) {
    }

    /** Power factor at idle and at full load (linear in between). */
    public record PowerFactor(double idle, double full) {
    }

    /** Daily swing of a temperature: amplitude in K, warmest at {@code peakHour} local time. */
    public record Daily(double amplitude, double peakHour) {
    }

    /** Slow random-looking drift: amplitude in the gauge's unit, typical period in hours. */
    public record Drift(double amplitude, double hours) {
    }

    /**
     * One load: {@code idle} at activity 0 to {@code full} at activity 1, driven by a pattern
     * or by the level of another meter ({@code follows}); relative {@code noise}.
     */
    public record Term(String pattern, String follows, Double idle, Double full, Double noise,
            PowerFactor powerFactor) {
    }

    /**
     * The conditions in a flow meter's pipe; every field is optional and defaults by carrier
     * (see {@code PlantModelCompiler}).
     *
     * @param pressure    mean pressure in kPa(g)
     * @param swing       pressure swing in kPa: with a load/unload cycle the band the pressure
     *                    rises through while loaded and falls through while unloaded; without
     *                    one, how much it sags from idle to full load
     * @param absolute    whether the meter shows absolute pressure (gauge + 101.325 kPa)
     * @param temperature fluid temperature in degC (steam: ignored, it is saturated)
     * @param diameter    inside diameter in m; the velocity is flow / area
     */
    public record Pipe(Double pressure, Double swing, Boolean absolute, Double temperature, Double diameter) {
    }

    /**
     * The load model of one meter. {@code kind}: electricity (gauge kW), flow (gauge per hour
     * in the carrier's unit: m3/h, or t/h for steam) or temperature (degC). Either a load of its
     * own (pattern or follows, idle, full, cycle) or {@code sumOf} other meters plus
     * {@code extra} unmetered loads plus {@code lossFraction} of the sum. Flow meters also show
     * the pressure, temperature and velocity of their {@code pipe}.
     */
    public record MeterLoad(
            String kind,
            String pattern,
            String follows,
            Double idle,
            Double full,
            Double noise,
            Cycle cycle,
            PowerFactor powerFactor,
            List<Double> phaseShare,
            List<String> sumOf,
            List<Term> extra,
            Double lossFraction,
            Daily daily,
            Drift drift,
            Map<String, Double> initial,
            Pipe pipe) {

        public MeterLoad {
            sumOf = sumOf == null ? null : List.copyOf(sumOf);
            extra = extra == null ? List.of() : List.copyOf(extra);
            phaseShare = phaseShare == null ? null : List.copyOf(phaseShare);
            initial = initial == null ? Map.of() : Map.copyOf(initial);
        }

        MeterKind kindValue(String where) {
            try {
                return MeterKind.valueOf(kind.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".kind '" + kind
                        + "' is not one of electricity, flow, temperature", e);
            }
        }
    }

    /** What a meter's primary gauge is. */
    public enum MeterKind { ELECTRICITY, FLOW, TEMPERATURE }
}
