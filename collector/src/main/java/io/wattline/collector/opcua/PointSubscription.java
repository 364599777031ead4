package io.wattline.collector.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.wattline.collector.opcua.UnitCheck.DeclaredUnit;
import io.wattline.core.Sample;
import io.wattline.profiles.opcua.Deadband;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;

/**
 * One subscription of a session with a monitored item per point: resolves the points' addresses,
 * reads their EngineeringUnits and decides each point's conversion (or refuses it), creates the
 * items, and creates again, with backoff, the items the server refused or dropped (a node deleted
 * and added back is monitored again). Values go to {@link PointValues}; problems are logged once
 * per point and reason, and only for the points that have one.
 */
final class PointSubscription {

    /** Statuses that mean the item's node is gone: the item will not recover by itself. */
    private static final Set<Long> NODE_GONE = Set.of(StatusCodes.Bad_NodeIdUnknown, StatusCodes.Bad_NodeIdInvalid,
            StatusCodes.Bad_MonitoredItemIdInvalid);

    private final OpcUaClient client;
    private final List<MonitoredPoint> points;
    private final PointValues values;
    private final OpcUaConnection.Context context;
    private final Map<MonitoredPoint, OpcUaMonitoredItem> items = new IdentityHashMap<>();
    private OpcUaSubscription subscription;

    PointSubscription(OpcUaClient client, List<MonitoredPoint> points, OpcUaConnection.Context context) {
        this.client = client;
        this.points = points;
        this.context = context;
        this.values = new PointValues(context, this::gone);
    }

    OpcUaSubscription subscription() {
        return subscription;
    }

    /** Creates the subscription and an item for every point that can be monitored. */
    synchronized void create(OpcUaSubscription.SubscriptionListener listener) throws UaException {
        double publishing = points.stream().mapToDouble(p -> p.bound().samplingInterval().toMillis()).min().orElse(1000);
        OpcUaSubscription s = new OpcUaSubscription(client, publishing);
        s.setSubscriptionListener(listener);
        s.create();
        subscription = s;
        monitor(points);
    }

    /** Creates again the items of points whose retry is due; cheap when there are none. */
    synchronized void retryFailed() throws UaException {
        Instant now = context.clock().instant();
        List<MonitoredPoint> due = points.stream().filter(p -> p.retryDue(now)).toList();
        if (due.isEmpty() || subscription == null) {
            return;
        }
        List<OpcUaMonitoredItem> old = new ArrayList<>();
        due.forEach(p -> Optional.ofNullable(items.remove(p)).ifPresent(old::add));
        if (!old.isEmpty()) {
            subscription.removeMonitoredItems(old);
            subscription.deleteMonitoredItems();
        }
        monitor(due);
    }

    /** Deletes the subscription on the server (when the session is still there). */
    synchronized void delete() {
        if (subscription != null) {
            client.removeSubscription(subscription);
            subscription = null;
        }
    }

    private void monitor(List<MonitoredPoint> wanted) throws UaException {
        List<NodeId> nodes = NodeAddresses.resolve(client, wanted.stream().map(p -> p.bound().point()).toList());
        List<Optional<DeclaredUnit>> units = EngineeringUnitsReader.read(client, nodes);
        List<Refusal> refused = new ArrayList<>();
        List<OpcUaMonitoredItem> created = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            MonitoredPoint p = wanted.get(i);
            if (nodes.get(i) == null) {
                refused.add(new Refusal(p, "Bad_NodeIdUnknown: " + p.bound().point().address()
                        + " is not in the server's address space"));
                continue;
            }
            UnitCheck.Decision decision = UnitCheck.decide(p.bound().point(), units.get(i));
            if (decision.refused()) {
                refused.add(new Refusal(p, decision.refusal()));
                continue;
            }
            p.conversion(decision.conversion());
            OpcUaMonitoredItem item = item(p, nodes.get(i));
            items.put(p, item);
            created.add(item);
        }
        subscription.addMonitoredItems(created);
        for (MonitoredItemServiceOperationResult r : subscription.createMonitoredItems()) {
            MonitoredPoint p = (MonitoredPoint) r.monitoredItem().getUserObject().orElseThrow();
            StatusCode status = r.operationResult().orElse(r.serviceResult());
            if (r.serviceResult().isGood() && status.isGood()) {
                if (p.monitored()) {
                    context.log().info("connection {}: monitoring {} ({}) again", context.connectionId(),
                            p.bound().id(), p.bound().point().address());
                }
            } else {
                items.remove(p);
                subscription.removeMonitoredItem(r.monitoredItem());
                refused.add(new Refusal(p, "server refused to monitor " + p.bound().point().address() + ": "
                        + StatusQuality.reason(status)));
            }
        }
        report(refused);
    }

    private OpcUaMonitoredItem item(MonitoredPoint p, NodeId nodeId) {
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId);
        item.setSamplingInterval(p.bound().samplingInterval().toMillis());
        item.setQueueSize(uint(p.bound().point().queueSize()));
        item.setDiscardOldest(true);
        Deadband d = p.bound().point().deadband();
        if (d.type() == Deadband.Type.ABSOLUTE) {
            // The profile's deadband is in the point's unit; the server compares raw values.
            double rawDeadband = d.value() / Math.abs(p.conversion().scale());
            item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue, uint(1), rawDeadband));
        } else if (d.type() == Deadband.Type.PERCENT) {
            item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue, uint(2), d.value()));
        }
        item.setUserObject(p);
        item.setDataValueListener((it, value) -> values.onValue((MonitoredPoint) it.getUserObject().orElseThrow(), value));
        return item;
    }

    /** The item of {@code p} reported that its node is gone: create it again later. */
    private void gone(MonitoredPoint p, String reason) {
        if (p.failed(reason, context.clock().instant(), context.options().initialBackoff(),
                context.options().maxBackoff())) {
            context.log().warn("connection {}: {} ({}) is gone from the server ({}); monitoring it again when it"
                    + " comes back", context.connectionId(), p.bound().id(), p.bound().point().address(), reason);
        }
    }

    static boolean nodeGone(StatusCode status) {
        return status != null && NODE_GONE.contains(status.value());
    }

    private record Refusal(MonitoredPoint point, String reason) {
    }

    // One WARN per point and reason; a server refusing hundreds of items gives a few lines and a count.
    private static final int WARN_LINES = 5;

    private void report(List<Refusal> refused) {
        Instant now = context.clock().instant();
        int logged = 0;
        int quiet = 0;
        for (Refusal r : refused) {
            MonitoredPoint p = r.point();
            boolean fresh = p.failed(r.reason(), now, context.options().initialBackoff(), context.options().maxBackoff());
            Sample shown = context.bus().latest().get(p.bound().id());
            if (shown == null || !shown.reason().equals(r.reason())) {
                // Also after a reconnect, when "session lost" replaced the reason on the live view.
                values.publish(Sample.bad(p.bound().id(), p.stamp(now, now), r.reason()));
            }
            if (!fresh) {
                continue;
            }
            if (logged < WARN_LINES) {
                context.log().warn("connection {}: {} is not monitored: {} (tried again with backoff)",
                        context.connectionId(), p.bound().id(), r.reason());
                logged++;
            } else {
                quiet++;
            }
        }
        if (quiet > 0) {
            context.log().warn("connection {}: {} more point(s) not monitored (reasons in GET /api/devices"
                    + " diagnostics)", context.connectionId(), quiet);
        }
    }
}
