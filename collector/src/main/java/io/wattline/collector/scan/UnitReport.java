package io.wattline.collector.scan;

import io.wattline.profiles.IdentifyCheck;
import io.wattline.profiles.LoadedProfile;
import io.wattline.profiles.ProfileVariant;
import java.util.List;
import java.util.Optional;

/**
 * What the scan found at one unit id: whether anything answers, and which catalogue models (and
 * variants of their maps) its signature registers match, best first.
 *
 * @param answer what the presence read got ("registers", "exception 2 (illegal data address)"), null if nothing
 */
public record UnitReport(int unitId, String answer, List<Candidate> candidates) {

    public UnitReport {
        candidates = List.copyOf(candidates);
    }

    public boolean answers() {
        return answer != null;
    }

    /** The model to suggest: the only one with the most checks passed; empty when none or a tie. */
    public Optional<Candidate> best() {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Candidate top = candidates.get(0);
        boolean tie = candidates.size() > 1 && candidates.get(1).passed() == top.passed();
        return tie ? Optional.empty() : Optional.of(top);
    }

    /** One check as read: its value, or why it failed (no answer, an exception, out of range). */
    public record CheckResult(IdentifyCheck check, Double value, String failure) {
        public boolean passed() {
            return failure == null;
        }

        /** {@code frequency 49.98 Hz (45..65 Hz)} or {@code frequency: exception 2 ...}. */
        public String describe() {
            String unit = check.register().unit() == null || check.register().unit().isEmpty() ? ""
                    : " " + check.register().unit();
            return check.label() + (value == null ? "" : " " + round(value) + unit) + " (" + check.expected() + ")"
                    + (failure == null ? "" : ": " + failure);
        }

        private static String round(double v) {
            return Math.abs(v) >= 1e6 || v == Math.rint(v) ? String.valueOf((long) Math.rint(v))
                    : String.format(java.util.Locale.ROOT, "%.4g", v);
        }
    }

    /** One variant of a matching model and whether the device answers its checks. */
    public record VariantResult(ProfileVariant variant, List<CheckResult> checks) {
        public boolean answers() {
            return checks.stream().allMatch(CheckResult::passed);
        }
    }

    /**
     * A model whose every model-level check passed.
     *
     * @param profileId the profile id to put in the plant file (a variant's when one variant answers)
     * @param note      what the engineer should know (several variants answer, none does), or null
     */
    public record Candidate(LoadedProfile model, List<CheckResult> checks, List<VariantResult> variants,
            String profileId, String note) {

        /** Checks passed, the variant's included: more checks passed is a more specific match. */
        public int passed() {
            return checks.size() + variants.stream().filter(VariantResult::answers)
                    .mapToInt(v -> v.checks().size()).max().orElse(0);
        }
    }
}
