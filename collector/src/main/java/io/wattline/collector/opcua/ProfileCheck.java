package io.wattline.collector.opcua;

import io.wattline.collector.opcua.UnitCheck.DeclaredUnit;
import io.wattline.profiles.opcua.OpcUaPoint;
import io.wattline.profiles.opcua.OpcUaProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;

/**
 * Checks an OPC UA profile against a live server before commissioning ({@code opcua-browse URL
 * --check PROFILE}): every point's node must exist, and the unit the server declares must be the
 * quantity's or convert to it; the same decisions the collector makes when it subscribes.
 */
final class ProfileCheck {

    /** The outcome for one point. */
    enum Verdict { OK, CONVERTED, NOT_CHECKED, MISMATCH, NOT_FOUND }

    /** One point's check; {@code detail} says what was found, in words. */
    record PointCheck(String point, String address, Verdict verdict, String detail) {

        boolean problem() {
            return verdict == Verdict.MISMATCH || verdict == Verdict.NOT_FOUND;
        }

        @Override
        public String toString() {
            return String.format("%-11s %-24s %s  %s", verdict, point, address, detail);
        }
    }

    private ProfileCheck() {
    }

    static List<PointCheck> check(OpcUaClient client, OpcUaProfile profile) throws UaException {
        List<OpcUaPoint> points = profile.points();
        List<NodeId> nodes = NodeAddresses.resolve(client, points);
        List<Optional<DeclaredUnit>> units = EngineeringUnitsReader.read(client, nodes);
        List<PointCheck> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            OpcUaPoint p = points.get(i);
            StatusCode read = nodes.get(i) == null ? null
                    : client.readValue(0, TimestampsToReturn.Neither, nodes.get(i)).getStatusCode();
            if (read == null || PointSubscription.nodeGone(read)) {
                out.add(new PointCheck(p.name(), p.address(), Verdict.NOT_FOUND, "not in the server's address space"));
                continue;
            }
            UnitCheck.Decision d = UnitCheck.decide(p, units.get(i));
            Verdict verdict = switch (d.outcome()) {
                case REFUSED -> Verdict.MISMATCH;
                case NO_UNIT, NOT_CHECKED -> Verdict.NOT_CHECKED;
                case CONVERTED -> Verdict.CONVERTED;
                case SAME -> Verdict.OK;
            };
            String detail = d.refused() ? d.refusal() : d.note().isEmpty() ? "the server declares no unit" : d.note();
            out.add(new PointCheck(p.name(), p.address(), verdict, detail));
        }
        return out;
    }
}
