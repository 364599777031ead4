package io.wattline.collector.opcua;

import io.wattline.collector.opcua.EngineeringUnit.LinearConversion;
import io.wattline.profiles.opcua.OpcUaPoint;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how a point's raw values become values in its quantity's unit, given the unit the server
 * declares for the variable (its EngineeringUnits property): a compatible unit is converted
 * (W → kW, K → °C, L/s → m³/h, ...), an incompatible one refuses the point, so that a wrong unit
 * is caught at subscribe time instead of being multiplied into the accounting.
 */
final class UnitCheck {

    private UnitCheck() {
    }

    /** The EngineeringUnits a server declared for a variable (EUInformation). */
    record DeclaredUnit(String namespaceUri, int unitId, String displayName) {

        Optional<EngineeringUnit> known() {
            return EngineeringUnit.declared(namespaceUri, unitId, displayName);
        }

        /** {@code kW}, or the display name and unit id of a unit this table does not know. */
        String shown() {
            return known().map(EngineeringUnit::shown)
                    .orElse("'" + displayName + "' (unit id " + unitId + ")");
        }
    }

    /** What the check found. */
    enum Outcome {
        /** The server declares no unit: the profile's scale and offset apply as written. */
        NO_UNIT,
        /** A unit Wattline does not know, or the profile turned the check off: the profile applies as written. */
        NOT_CHECKED,
        /** The server's unit is the quantity's. */
        SAME,
        /** The server's unit converts to the quantity's. */
        CONVERTED,
        /** The server's unit does not fit: the point is not monitored. */
        REFUSED
    }

    /**
     * What to do with a point's values.
     *
     * @param conversion raw → value in the quantity's unit; null when refused
     * @param refusal    why the point is not monitored; null when accepted
     * @param note       for people: the server unit and what was done with it (empty without a declared unit)
     */
    record Decision(Outcome outcome, LinearConversion conversion, String refusal, String note) {

        boolean refused() {
            return outcome == Outcome.REFUSED;
        }
    }

    /**
     * @param declared the server's unit for the variable; empty when it declares none (the profile's
     *                 scale and offset then apply as written)
     */
    static Decision decide(OpcUaPoint point, Optional<DeclaredUnit> declared) {
        LinearConversion profile = new LinearConversion(point.scale(), point.offset());
        String wanted = point.quantity().unit();
        String quantity = point.quantity().name().toLowerCase(Locale.ROOT);
        if (declared.isEmpty()) {
            return new Decision(Outcome.NO_UNIT, profile, null, "");
        }
        DeclaredUnit d = declared.get();
        if (!point.checkServerUnit()) {
            return new Decision(Outcome.NOT_CHECKED, profile, null, "server unit " + d.shown()
                    + " not checked (checkServerUnit: false)");
        }
        Optional<EngineeringUnit> server = d.known();
        Optional<EngineeringUnit> target = EngineeringUnit.bySymbol(wanted);
        if (server.isEmpty() || target.isEmpty()) {
            return new Decision(Outcome.NOT_CHECKED, profile, null, "server unit " + d.shown()
                    + " is not known to Wattline: not checked");
        }
        Optional<LinearConversion> conversion = server.get().to(target.get());
        if (conversion.isEmpty()) {
            return new Decision(Outcome.REFUSED, null, "unit mismatch: the server declares " + d.shown()
                    + " (EngineeringUnits), "
                    + quantity + " is in " + target.get().shown() + "; check the profile's quantity and node", "");
        }
        LinearConversion c = conversion.get();
        if (profile.isIdentity()) {
            return c.isIdentity() ? new Decision(Outcome.SAME, c, null, "server unit " + d.shown())
                    : new Decision(Outcome.CONVERTED, c, null, "server unit " + d.shown() + " converted to "
                            + target.get().shown());
        }
        if (LinearConversion.same(profile, c)) {
            return new Decision(c.isIdentity() ? Outcome.SAME : Outcome.CONVERTED, c, null, "server unit " + d.shown()
                    + " converted to " + target.get().shown() + " by the profile's scale");
        }
        return new Decision(Outcome.REFUSED, null, "unit mismatch: the server declares " + d.shown()
                + " (EngineeringUnits), which"
                + " converts to " + target.get().shown() + " with " + describe(c) + ", but the profile gives "
                + describe(profile) + "; remove scale/offset (declared units are converted automatically) or set"
                + " checkServerUnit: false if the server's unit is wrong", "");
    }

    private static String describe(LinearConversion c) {
        String text = "scale " + number(c.scale());
        return c.offset() == 0 ? text : text + " offset " + number(c.offset());
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
