package io.wattline.web.opcua;

import io.wattline.alarms.AlarmEngine;
import io.wattline.alarms.AlarmView;
import io.wattline.alarms.Priority;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The alarms on the north-bound server, under {@code Objects/Alarms}: the number of active alarms
 * per priority ({@code ActiveCount/High}; shelved ones not counted) and of those waiting for
 * acknowledgement ({@code UnacknowledgedCount/High}), and per configured alarm
 * ({@code Alarms/<rule>/<meter>[/<point>][/<condition>]}) its {@code State}, {@code AlarmId}, {@code Priority},
 * {@code Shelved}, {@code Suppressed} and {@code Message} (Chinese) and {@code MessageEn}. Read-only;
 * refreshed from the engine at every alarm change.
 */
final class AlarmNamespace extends SampledNamespace {

    static final String URI = "urn:wattline:alarms";

    private final AlarmEngine engine;
    private final Map<String, UaVariableNode> variables = new HashMap<>();
    private final Map<String, UaFolderNode> folderNodes = new HashMap<>();

    AlarmNamespace(OpcUaServer server, AlarmEngine engine) {
        super(server, URI);
        this.engine = engine;
    }

    @Override
    void createNodes() {
        UaFolderNode root = folder(null, "Alarms");
        root.addReference(new Reference(root.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        UaFolderNode active = folder(root, "Alarms/ActiveCount");
        UaFolderNode unacknowledged = folder(root, "Alarms/UnacknowledgedCount");
        for (Priority p : Priority.values()) {
            variable(active, "Alarms/ActiveCount/" + name(p), NodeIds.Int32, new Variant(0));
            variable(unacknowledged, "Alarms/UnacknowledgedCount/" + name(p), NodeIds.Int32, new Variant(0));
        }
        for (AlarmView v : engine.alarms()) {
            UaFolderNode alarm = folders(root, path(v));
            variable(alarm, path(v) + "/State", NodeIds.String, Variant.NULL_VALUE);
            variable(alarm, path(v) + "/AlarmId", NodeIds.Int64, Variant.NULL_VALUE);
            variable(alarm, path(v) + "/Priority", NodeIds.String, new Variant(name(v.priority())));
            variable(alarm, path(v) + "/Shelved", NodeIds.Boolean, Variant.NULL_VALUE);
            variable(alarm, path(v) + "/Suppressed", NodeIds.Boolean, Variant.NULL_VALUE);
            variable(alarm, path(v) + "/Message", NodeIds.String, Variant.NULL_VALUE);
            variable(alarm, path(v) + "/MessageEn", NodeIds.String, Variant.NULL_VALUE);
        }
        refresh(engine.alarms());
    }

    /** Sets every variable from the engine's alarms; cheap and non-blocking (called on the engine's thread). */
    void refresh(List<AlarmView> alarms) {
        Map<Priority, Integer> active = new HashMap<>();
        Map<Priority, Integer> waiting = new HashMap<>();
        for (AlarmView v : alarms) {
            if (v.state().active() && !v.shelved()) {
                active.merge(v.priority(), 1, Integer::sum);
            }
            if (v.state().needsAcknowledgement()) {
                waiting.merge(v.priority(), 1, Integer::sum);
            }
            set(path(v) + "/State", new Variant(v.state().name()));
            set(path(v) + "/AlarmId", new Variant(v.alarmId() == null ? 0L : v.alarmId()));
            set(path(v) + "/Shelved", new Variant(v.shelved()));
            set(path(v) + "/Suppressed", new Variant(v.suppressed()));
            set(path(v) + "/Message", new Variant(v.messages().getOrDefault("zh-CN", "")));
            set(path(v) + "/MessageEn", new Variant(v.messages().getOrDefault("en", "")));
        }
        for (Priority p : Priority.values()) {
            set("Alarms/ActiveCount/" + name(p), new Variant(active.getOrDefault(p, 0)));
            set("Alarms/UnacknowledgedCount/" + name(p), new Variant(waiting.getOrDefault(p, 0)));
        }
    }

    private void set(String path, Variant value) {
        UaVariableNode node = variables.get(path);
        if (node != null) {
            node.setValue(new DataValue(value));
        }
    }

    /** {@code Alarms/<rule>/<meter>/<point>[/<condition>]}: a point id's dot becomes a level (no dots in browse paths). */
    private static String path(AlarmView v) {
        return "Alarms/" + v.ruleId() + "/" + v.source().replace('.', '/')
                + (v.condition().isEmpty() ? "" : "/" + v.condition());
    }

    /** The folder at {@code path} under the root, made with every folder above it as needed. */
    private UaFolderNode folders(UaFolderNode root, String path) {
        UaFolderNode parent = root;
        int from = "Alarms/".length();
        while (from <= path.length()) {
            int slash = path.indexOf('/', from);
            String prefix = slash < 0 ? path : path.substring(0, slash);
            UaFolderNode existing = folderNodes.get(prefix);
            if (existing == null) {
                existing = folder(parent, prefix);
                folderNodes.put(prefix, existing);
            }
            parent = existing;
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        return parent;
    }

    private static String name(Priority p) {
        return p.name().charAt(0) + p.name().substring(1).toLowerCase(Locale.ROOT);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private UaFolderNode folder(UaFolderNode parent, String path) {
        UaFolderNode f = new UaFolderNode(getNodeContext(), newNodeId(path), newQualifiedName(last(path)),
                LocalizedText.english(last(path)));
        getNodeManager().addNode(f);
        if (parent != null) {
            parent.addOrganizes(f);
        }
        return f;
    }

    private void variable(UaFolderNode parent, String path, NodeId type, Variant initial) {
        UaVariableNode v = readOnlyVariable(path, last(path), type).build();
        v.setValue(new DataValue(initial));
        getNodeManager().addNode(v);
        parent.addOrganizes(v);
        variables.put(path, v);
    }
}
