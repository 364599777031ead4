package io.wattline.collector.plan;

import io.wattline.core.device.LearnedReadPlan;
import io.wattline.profiles.AddressBase;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.Quirks;
import io.wattline.profiles.RegisterRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A profile as a device really answers it: its readable ranges without the registers the device
 * refused, its request limit lowered to what the device accepted. The planner plans the device's
 * reads from this corrected profile, and the engineer gets the same correction as profile YAML.
 */
final class ReadableCorrection {

    private ReadableCorrection() {
    }

    /** {@code profile} corrected by {@code refusals}; the profile itself when nothing was refused. */
    static DeviceProfile corrected(DeviceProfile profile, Refusals refusals) {
        if (refusals.isEmpty()) {
            return profile;
        }
        Quirks q = profile.quirks() == null ? Quirks.none() : profile.quirks();
        Quirks quirks = refusals.maxRegisters() == null ? q : new Quirks(Math.min(q.maxRegistersPerRequest(),
                refusals.maxRegisters()), q.evenRegisterCount(), q.pauseBetweenRequests(), q.oneRequestPerPoint());
        return new DeviceProfile(profile.id(), profile.vendor(), profile.model(), profile.description(),
                profile.schemaVersion(), profile.addressBase(), profile.points(), readable(profile, refusals), quirks,
                profile.sources(), profile.pollGroups());
    }

    /** The profile's readable ranges without the refused spans and the registers of refused points. */
    static List<RegisterRange> readable(DeviceProfile profile, Refusals refusals) {
        List<RegisterRange> remove = new ArrayList<>(refusals.unreadable());
        for (PointDefinition p : profile.points()) {
            if (refusals.refusedPoints().containsKey(p.name())) {
                remove.add(new RegisterRange(p.function(), p.address(), p.end()));
            }
        }
        return subtract(profile.readable(), remove);
    }

    /** {@code ranges} with every register of {@code remove} taken out (a range may split in two). */
    static List<RegisterRange> subtract(List<RegisterRange> ranges, List<RegisterRange> remove) {
        List<RegisterRange> out = new ArrayList<>(ranges);
        for (RegisterRange cut : remove) {
            List<RegisterRange> next = new ArrayList<>();
            for (RegisterRange r : out) {
                if (r.function() != cut.function() || cut.end() <= r.start() || cut.start() >= r.end()) {
                    next.add(r);
                    continue;
                }
                if (cut.start() > r.start()) {
                    next.add(new RegisterRange(r.function(), r.start(), cut.start()));
                }
                if (cut.end() < r.end()) {
                    next.add(new RegisterRange(r.function(), cut.end(), r.end()));
                }
            }
            out = next;
        }
        return out;
    }

    /** A range as the profile writes it: first and last register in its address base. */
    static LearnedReadPlan.Range range(AddressBase base, RegisterRange r) {
        return new LearnedReadPlan.Range(name(r), base.fromPdu(r.start()), base.fromPdu(r.end() - 1));
    }

    /**
     * The correction as profile YAML: which points to drop (refused even alone), the readable
     * ranges the device really answers, and the request limit it showed.
     */
    static String suggestion(DeviceProfile profile, Refusals refusals, String device) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(device).append(" (profile ").append(profile.id()).append(") refuses part of what the")
                .append(" profile declares readable; learned ").append(refusals.learnedAt()).append('\n');
        for (Map.Entry<String, String> e : refusals.refusedPoints().entrySet()) {
            b.append("# point ").append(e.getKey()).append(" is refused even alone (").append(e.getValue())
                    .append("): remove it or correct its address\n");
        }
        b.append("readable:\n");
        for (RegisterRange r : readable(profile, refusals)) {
            LearnedReadPlan.Range range = range(profile.addressBase(), r);
            b.append("  - { function: ").append(range.function()).append(", first: ").append(hex(range.first()))
                    .append(", last: ").append(hex(range.last())).append(" }\n");
        }
        if (refusals.maxRegisters() != null) {
            b.append("quirks:\n  maxRegistersPerRequest: { value: ").append(refusals.maxRegisters())
                    .append(", reason: \"refuses longer reads (learned by the collector)\" }\n");
        }
        return b.toString();
    }

    static String name(RegisterRange r) {
        return r.function().name().toLowerCase(Locale.ROOT);
    }

    private static String hex(int address) {
        return String.format(Locale.ROOT, "0x%04X", address);
    }
}
