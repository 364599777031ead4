package io.wattline.collector.scan;

import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.collector.poll.FailureReason;
import io.wattline.profiles.IdentifyCheck;
import io.wattline.profiles.LoadedProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileVariant;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.codec.RegisterCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds the devices on a bus and tells which catalogue model each one is: asks every unit id for a
 * register (any answer, an exception included, means something is there), then reads every model's
 * signature registers ({@code identify:} in its profile) and, for a model whose checks all pass, the
 * checks of each variant of its map. A read is sent once per unit however many models share it.
 */
public final class BusScanner {

    private final ModbusLink link;
    private final List<LoadedProfile> models;

    /** @param models the catalogue; models without identify checks cannot be recognised and are skipped */
    public BusScanner(ModbusLink link, List<LoadedProfile> models) {
        this.link = Objects.requireNonNull(link, "link");
        this.models = models.stream().filter(m -> !m.identify().isEmpty()).toList();
    }

    /**
     * Scans {@code units} in order; {@code progress} hears one line per unit.
     *
     * @throws ModbusReadException when the bus itself cannot be reached (connection refused, no such port)
     */
    public List<UnitReport> scan(List<Integer> units, Consumer<String> progress) throws ModbusReadException {
        List<UnitReport> reports = new ArrayList<>();
        for (int unit : units) {
            UnitReport report = scan(unit);
            reports.add(report);
            progress.accept("unit " + unit + ": " + (!report.answers() ? "no answer"
                    : report.best().map(b -> b.profileId()).orElse(report.candidates().isEmpty()
                            ? "answers, no profile matched" : "answers, several profiles match")));
        }
        return reports;
    }

    private UnitReport scan(int unit) throws ModbusReadException {
        Reads reads = new Reads(unit);
        String answer = reads.presence();
        if (answer == null) {
            return new UnitReport(unit, null, List.of());
        }
        List<UnitReport.Candidate> candidates = new ArrayList<>();
        for (LoadedProfile model : models) {
            List<UnitReport.CheckResult> checks = model.identify().stream().map(c -> reads.check(c)).toList();
            if (!checks.stream().allMatch(UnitReport.CheckResult::passed)) {
                continue;
            }
            List<UnitReport.VariantResult> variants = new ArrayList<>();
            for (ProfileVariant v : model.variants()) {
                variants.add(new UnitReport.VariantResult(v, v.identify().stream().map(c -> reads.check(c)).toList()));
            }
            candidates.add(candidate(model, checks, variants));
        }
        candidates.sort(Comparator.comparingInt(UnitReport.Candidate::passed).reversed()
                .thenComparing(c -> c.model().profile().id()));
        return new UnitReport(unit, answer, candidates);
    }

    /** The profile id to suggest for a model, by which of its variants the device answers. */
    private static UnitReport.Candidate candidate(LoadedProfile model, List<UnitReport.CheckResult> checks,
            List<UnitReport.VariantResult> variants) {
        if (variants.isEmpty()) {
            return new UnitReport.Candidate(model, checks, variants, model.profile().id(), null);
        }
        List<UnitReport.VariantResult> answering = variants.stream().filter(UnitReport.VariantResult::answers).toList();
        if (answering.size() == 1) {
            ProfileVariant v = answering.get(0).variant();
            return new UnitReport.Candidate(model, checks, variants, v.profile().id(),
                    "answers variant " + v.id() + " (" + v.description() + "; sources " + v.sources() + ")");
        }
        if (answering.isEmpty()) {
            return new UnitReport.Candidate(model, checks, variants, model.profile().id(), "answers none of the variants "
                    + variants.stream().map(v -> v.variant().id()).toList() + ": check its map against its manual");
        }
        ProfileVariant first = answering.stream().map(UnitReport.VariantResult::variant)
                .filter(ProfileVariant::isDefault).findFirst().orElse(answering.get(0).variant());
        return new UnitReport.Candidate(model, checks, variants, first.profile().id(), "answers variants "
                + answering.stream().map(v -> v.variant().id()).toList() + ": compare their values with the meter's"
                + " display before choosing");
    }

    /** The reads of one unit, each sent once. */
    private final class Reads {
        private final int unit;
        private final Map<String, Object> answers = new HashMap<>();

        Reads(int unit) {
            this.unit = unit;
        }

        /** What the presence read got, null when nothing answers (after trying holding, then input registers). */
        String presence() throws ModbusReadException {
            for (RegisterFunction function : List.of(RegisterFunction.HOLDING, RegisterFunction.INPUT)) {
                Object got = read(function, 0, 1);
                if (got instanceof int[]) {
                    return "registers";
                }
                ModbusReadException e = (ModbusReadException) got;
                if (e.kind() == ModbusReadException.Kind.IO) {
                    throw e; // the bus itself is not there: every unit would fail the same way
                }
                if (e.kind() != ModbusReadException.Kind.TIMEOUT) {
                    return e.reason();
                }
            }
            return null;
        }

        UnitReport.CheckResult check(IdentifyCheck check) {
            PointDefinition r = check.register();
            Object got = read(r.function(), r.address(), r.length());
            if (got instanceof ModbusReadException e) {
                return new UnitReport.CheckResult(check, null, e.reason() + " from "
                        + FailureReason.request(unit, r.function(), r.address(), r.length()));
            }
            double value = r.function().isBit() ? ((int[]) got)[0] : RegisterCodec.decode(r, (int[]) got, 0);
            return check.accepts(value, unit) ? new UnitReport.CheckResult(check, value, null)
                    : new UnitReport.CheckResult(check, value, "expected " + check.expected());
        }

        private Object read(RegisterFunction function, int start, int count) {
            return answers.computeIfAbsent(function + " " + start + "+" + count, key -> {
                try {
                    return link.read(unit, function, start, count);
                } catch (ModbusReadException e) {
                    return e;
                }
            });
        }
    }
}
