package io.wattline.web.opcua;

import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/**
 * The plant's address space: {@code Objects/Plant/<site>/<line>/<device>/<point>}, one read-only
 * Double variable per point with an EngineeringUnits property; values, status and timestamps come
 * from the live samples. Subscriptions are sampled by the SDK.
 */
final class PlantNamespace extends SampledNamespace {

    static final String URI = "urn:wattline:plant";

    private final List<ExposedPoint> points;
    private final Map<PointId, UaVariableNode> variables = new HashMap<>();
    private final Map<String, UaFolderNode> folders = new HashMap<>();

    PlantNamespace(OpcUaServer server, List<ExposedPoint> points) {
        super(server, URI);
        this.points = List.copyOf(points);
    }

    @Override
    void createNodes() {
        UaFolderNode root = folder(null, "Plant", "Plant");
        root.addReference(new Reference(root.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        for (ExposedPoint p : points) {
            UaFolderNode site = folder(root, "Plant/" + p.site(), p.site());
            UaFolderNode group = folder(site, "Plant/" + p.site() + "/" + p.group(), p.group());
            UaFolderNode device = folder(group, "Plant/" + p.site() + "/" + p.group() + "/" + p.device(), p.device());
            UaVariableNode v = readOnlyVariable(p.path(), p.name(), NodeIds.Double)
                    .setDescription(LocalizedText.english(p.description()))
                    .build();
            v.setValue(new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_WaitingForInitialData)));
            getNodeManager().addNode(v);
            device.addOrganizes(v);
            engineeringUnits(p).ifPresent(eu -> addEngineeringUnits(v, p, eu));
            variables.put(p.id(), v);
        }
    }

    private Optional<EUInformation> engineeringUnits(ExposedPoint p) {
        return UneceUnits.code(p.unit()).map(code -> new EUInformation(UneceUnits.NAMESPACE, UneceUnits.unitId(code),
                LocalizedText.english(UneceUnits.display(p.unit())), LocalizedText.english(code)));
    }

    private void addEngineeringUnits(UaVariableNode variable, ExposedPoint p, EUInformation eu) {
        UaVariableNode property = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(p.path() + "/EngineeringUnits"))
                .setBrowseName(new org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName(0, "EngineeringUnits"))
                .setDisplayName(LocalizedText.english("EngineeringUnits"))
                .setDataType(NodeIds.EUInformation)
                .setTypeDefinition(NodeIds.PropertyType)
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .build();
        property.setValue(new DataValue(new Variant(ExtensionObject.encode(getServer().getStaticEncodingContext(), eu))));
        getNodeManager().addNode(property);
        variable.addReference(new Reference(variable.getNodeId(), NodeIds.HasProperty, property.getNodeId().expanded(),
                true));
    }

    private UaFolderNode folder(UaFolderNode parent, String id, String name) {
        UaFolderNode existing = folders.get(id);
        if (existing != null) {
            return existing;
        }
        UaFolderNode f = new UaFolderNode(getNodeContext(), newNodeId(id), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(f);
        if (parent != null) {
            parent.addOrganizes(f);
        }
        folders.put(id, f);
        return f;
    }

    /** Sets the variable of a sample's point; cheap and non-blocking (called on the live stream). */
    void apply(Sample s) {
        UaVariableNode v = variables.get(s.point());
        if (v == null) {
            return;
        }
        Variant value = Double.isFinite(s.value()) ? new Variant(s.value()) : Variant.NULL_VALUE;
        v.setValue(new DataValue(value, status(s), new DateTime(s.time()), DateTime.now()));
    }

    /** Wattline quality as an OPC UA status code. */
    static StatusCode status(Sample s) {
        if (s.quality() == Quality.GOOD) {
            return StatusCode.GOOD;
        }
        if (s.quality() == Quality.UNCERTAIN) {
            return new StatusCode(s.reason().startsWith("stale") ? StatusCodes.Uncertain_LastUsableValue
                    : StatusCodes.Uncertain);
        }
        String r = s.reason().toLowerCase(java.util.Locale.ROOT);
        if (r.contains("timeout")) {
            return new StatusCode(StatusCodes.Bad_Timeout);
        }
        if (r.contains("not supported") || r.contains("disabled")) {
            return new StatusCode(StatusCodes.Bad_OutOfService);
        }
        return new StatusCode(StatusCodes.Bad_CommunicationError);
    }

    NodeId nodeIdOf(ExposedPoint p) {
        return newNodeId(p.path());
    }
}
