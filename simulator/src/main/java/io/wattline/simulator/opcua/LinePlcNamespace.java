package io.wattline.simulator.opcua;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The PLC's address space: {@code Objects/LinePlc/<line>/{GoodCount, ScrapCount, State, DrivePower}}
 * with string node ids {@code <line>.GoodCount} in namespace {@link #URI}.
 */
final class LinePlcNamespace extends ManagedNamespaceWithLifecycle {

    static final String URI = "urn:wattline:demo:line-plc";

    private final SubscriptionModel subscriptionModel;
    private final List<String> lines;
    private final Map<String, UaVariableNode> variables = new ConcurrentHashMap<>();

    LinePlcNamespace(OpcUaServer server, List<String> lines) {
        super(server, URI);
        this.lines = List.copyOf(lines);
        subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    private void createNodes() {
        UaFolderNode plc = folder("LinePlc");
        plc.addReference(new Reference(plc.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        for (String line : lines) {
            UaFolderNode folder = folder(line);
            plc.addOrganizes(folder);
            variable(folder, line, "GoodCount", NodeIds.Int64, 0L);
            variable(folder, line, "ScrapCount", NodeIds.Int64, 0L);
            variable(folder, line, "State", NodeIds.Int32, LineModel.RUNNING);
            variable(folder, line, "DrivePower", NodeIds.Double, 0.0);
        }
    }

    private UaFolderNode folder(String name) {
        UaFolderNode f = new UaFolderNode(getNodeContext(), newNodeId(name), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(f);
        return f;
    }

    private void variable(UaFolderNode folder, String line, String name, NodeId type, Object initial) {
        UaVariableNode v = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(line + "." + name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(type)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setMinimumSamplingInterval(100.0)
                .build();
        v.setValue(new DataValue(new Variant(initial)));
        getNodeManager().addNode(v);
        folder.addOrganizes(v);
        variables.put(line + "." + name, v);
    }

    /** Sets a variable's value with source and server time now. */
    void set(String line, String name, Object value) {
        UaVariableNode v = variables.get(line + "." + name);
        if (v != null) {
            v.setValue(new DataValue(new Variant(value)));
        }
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        subscriptionModel.onDataItemsCreated(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        subscriptionModel.onDataItemsModified(items);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        subscriptionModel.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        subscriptionModel.onMonitoringModeChanged(items);
    }
}
