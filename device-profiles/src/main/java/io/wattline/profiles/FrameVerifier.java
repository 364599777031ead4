package io.wattline.profiles;

import io.wattline.profiles.codec.FrameException;
import io.wattline.profiles.codec.ModbusFrames;
import io.wattline.profiles.codec.ReadRequest;
import io.wattline.profiles.codec.RegisterCodec;
import io.wattline.profiles.yaml.ValidationError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a profile's recorded frames: parses each request and response with {@link ModbusFrames},
 * decodes every expected point with {@link RegisterCodec} and reports each disagreement. A wrong
 * address, word order, type or scale in a profile shows up here as a mismatch.
 */
public final class FrameVerifier {

    /** Relative tolerance for FLOAT32 points: a float carries about 7 significant digits. */
    static final double FLOAT32_RELATIVE = 1e-6;
    /** Relative tolerance for everything else (integers scaled in double arithmetic). */
    static final double EXACT_RELATIVE = 1e-12;

    private FrameVerifier() {
    }

    /** One decoded point of one case, for reports. */
    public record Check(String caseName, String point, double expected, double actual, boolean matches) {
    }

    /**
     * Every problem: unparsable frames, unknown points, mismatches, and points no case covers. Only
     * the cases of the profile's own map run (a case that names a variant is its variant's).
     */
    public static List<ValidationError> verify(DeviceProfile profile, RecordedFrames frames) {
        return verify(profile, frames, profile.points().stream().map(PointDefinition::name).collect(
                java.util.stream.Collectors.toSet()));
    }

    /**
     * The same for a variant's profile ({@code vendor/model@variant}): the cases that name the variant
     * run, and they must cover {@code mustCover} (the points it replaces; the model's cases cover the rest).
     */
    public static List<ValidationError> verify(DeviceProfile profile, RecordedFrames frames, Set<String> mustCover) {
        List<ValidationError> problems = new ArrayList<>();
        run(profile, frames, problems, new ArrayList<>(), mustCover);
        return problems;
    }

    /** The individual comparisons that were made (also those that passed). */
    public static List<Check> checks(DeviceProfile profile, RecordedFrames frames) {
        List<Check> checks = new ArrayList<>();
        run(profile, frames, new ArrayList<>(), checks, Set.of());
        return checks;
    }

    /** Problems of case {@code index} alone (no coverage check); its comparisons go to {@code checks}. */
    public static List<ValidationError> verifyCase(DeviceProfile profile, RecordedFrames frames, int index, List<Check> checks) {
        List<ValidationError> problems = new ArrayList<>();
        runCase(profile, frames, index, problems, checks, new HashSet<>());
        return problems;
    }

    private static void run(DeviceProfile profile, RecordedFrames frames, List<ValidationError> problems, List<Check> checks,
            Set<String> mustCover) {
        Set<String> covered = new HashSet<>();
        String variant = LoadedProfile.variantOf(profile.id());
        for (int i = 0; i < frames.cases().size(); i++) {
            if (java.util.Objects.equals(variant, frames.cases().get(i).variant())) {
                runCase(profile, frames, i, problems, checks, covered);
            }
        }
        for (PointDefinition p : profile.points()) {
            if (mustCover.contains(p.name()) && !covered.contains(p.name())) {
                problems.add(new ValidationError(frames.file(), 0, 0, "cases",
                        "point '" + p.name() + "' is checked by no case that decodes correctly; every point needs one"));
            }
        }
    }

    private static void runCase(DeviceProfile profile, RecordedFrames frames, int i, List<ValidationError> problems,
            List<Check> checks, Set<String> covered) {
        RecordedFrames.Case c = frames.cases().get(i);
        String at = "/cases/" + i;
        ReadRequest request;
        try {
            request = ModbusFrames.parseRtuRequest(c.request());
        } catch (FrameException e) {
            problems.add(problem(frames, c, at + "/request", "request does not parse: " + e.getMessage()));
            return;
        }
        if (request.unitId() != c.unitId()) {
            problems.add(problem(frames, c, at + "/unitId", "request is for unit " + request.unitId() + ", case says " + c.unitId()));
        }
        checkAgainstProfile(profile, frames, c, at, request, problems);
        if (c.expectedException() != 0) {
            try {
                ModbusFrames.parseRtuRegisters(c.response(), request);
                problems.add(problem(frames, c, at + "/response", "expected exception " + c.expectedException()
                        + " but the response parsed as data"));
            } catch (FrameException e) {
                if (e.reason() != FrameException.Reason.EXCEPTION_RESPONSE || e.exceptionCode() != c.expectedException()) {
                    problems.add(problem(frames, c, at + "/response", "expected exception " + c.expectedException()
                            + ", got " + e.getMessage()));
                }
            }
            return;
        }
        int[] registers;
        try {
            registers = request.function().isBit()
                    ? bitsAsRegisters(ModbusFrames.parseRtuBits(c.response(), request))
                    : ModbusFrames.parseRtuRegisters(c.response(), request);
        } catch (FrameException e) {
            problems.add(problem(frames, c, at + "/response", "response does not parse: " + e.getMessage()));
            return;
        }
        for (Map.Entry<String, Double> e : c.expected().entrySet()) {
            String field = at + "/expect/" + e.getKey();
            PointDefinition point = profile.point(e.getKey()).orElse(null);
            if (point == null) {
                problems.add(problem(frames, c, field, "no point '" + e.getKey() + "' in profile " + profile.id()));
                continue;
            }
            if (point.function() != request.function() || point.address() < request.address()
                    || point.end() > request.address() + request.count()) {
                problems.add(problem(frames, c, field, "point '" + point.name() + "' (" + point.function() + " ["
                        + point.address() + ", " + point.end() + ")) is not in this request (" + request.function()
                        + " [" + request.address() + ", " + (request.address() + request.count()) + "))"));
                continue;
            }
            double actual = RegisterCodec.decode(point, registers, point.address() - request.address());
            boolean ok = close(point, e.getValue(), actual);
            checks.add(new Check(c.name(), point.name(), e.getValue(), actual, ok));
            if (ok) {
                covered.add(point.name());
            } else {
                problems.add(problem(frames, c, field, "decodes to " + actual + " " + point.unit()
                        + ", recorded value is " + e.getValue()));
            }
        }
    }

    private static void checkAgainstProfile(DeviceProfile profile, RecordedFrames frames, RecordedFrames.Case c, String at,
            ReadRequest request, List<ValidationError> problems) {
        int end = request.address() + request.count();
        if (profile.readable().stream().noneMatch(r -> r.contains(request.function(), request.address(), end))) {
            problems.add(problem(frames, c, at + "/request", "reads " + request.function() + " [" + request.address()
                    + ", " + end + ") which is not inside one readable range of the profile"));
        }
        if (!request.function().isBit() && request.count() > profile.quirks().maxRegistersPerRequest()) {
            problems.add(problem(frames, c, at + "/request", "reads " + request.count()
                    + " registers; the profile allows " + profile.quirks().maxRegistersPerRequest()));
        }
        if (!request.function().isBit() && profile.quirks().evenRegisterCount() && request.count() % 2 != 0) {
            problems.add(problem(frames, c, at + "/request", "reads an odd number of registers (" + request.count()
                    + ") but the profile declares evenRegisterCount"));
        }
        if (profile.quirks().oneRequestPerPoint()) {
            long inside = profile.points().stream().filter(p -> p.function() == request.function()
                    && p.address() < end && p.end() > request.address()).count();
            if (inside > 1) {
                problems.add(problem(frames, c, at + "/request", "reads " + inside
                        + " points in one request but the profile declares oneRequestPerPoint"));
            }
        }
    }

    static boolean close(PointDefinition point, double expected, double actual) {
        double relative = point.type() == DataType.FLOAT32 ? FLOAT32_RELATIVE : EXACT_RELATIVE;
        double tolerance = Math.max(Math.abs(expected) * relative, Math.abs(point.scale()) * 1e-9);
        return Math.abs(expected - actual) <= tolerance;
    }

    private static int[] bitsAsRegisters(boolean[] bits) {
        int[] out = new int[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = bits[i] ? 1 : 0;
        }
        return out;
    }

    private static ValidationError problem(RecordedFrames frames, RecordedFrames.Case c, String pointer, String message) {
        String field = pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
        return new ValidationError(frames.file(), c.line(), 0, field, "case '" + c.name() + "': " + message);
    }
}
