package io.wattline.collector.opcua;

import io.wattline.collector.opcua.UnitCheck.DeclaredUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OperationLimits;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePath;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePathResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePath;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePathElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the EngineeringUnits property (an EUInformation, OPC UA Part 8) of variables: one
 * TranslateBrowsePaths and one Read per batch, so that subscribing to thousands of items costs a
 * few round trips. Variables without the property (plain BaseDataVariables) have no declared unit.
 */
final class EngineeringUnitsReader {

    private static final Logger log = LoggerFactory.getLogger(EngineeringUnitsReader.class);
    // Well below the operation limits servers commonly set (node-opcua, Milo: 1000 and more).
    private static final int BATCH = 500;
    private static final RelativePath ENGINEERING_UNITS = new RelativePath(new RelativePathElement[] {
        new RelativePathElement(NodeIds.HasProperty, false, true, new QualifiedName(0, "EngineeringUnits"))});

    private EngineeringUnitsReader() {
    }

    /** The declared unit of each node, in order; empty for a null node or one without EngineeringUnits. */
    static List<Optional<DeclaredUnit>> read(OpcUaClient client, List<NodeId> nodes) throws UaException {
        int batch = batchSize(client);
        List<Optional<DeclaredUnit>> out = new ArrayList<>(nodes.size());
        for (int from = 0; from < nodes.size(); from += batch) {
            out.addAll(readBatch(client, nodes.subList(from, Math.min(nodes.size(), from + batch))));
        }
        return out;
    }

    /**
     * Nodes per call: at most {@link #BATCH}, and within the server's operation limits for
     * TranslateBrowsePaths and Read (a Milo server refuses more with Bad_TooManyOperations).
     */
    static int batchSize(OpcUaClient client) {
        int batch = BATCH;
        try {
            OperationLimits limits = client.getOperationLimits();
            batch = Math.min(batch, limit(limits.maxNodesPerTranslateBrowsePathsToNodeIds()));
            batch = Math.min(batch, limit(limits.maxNodesPerRead()));
        } catch (UaException | RuntimeException e) {
            // A server without the OperationLimits object sets none we could know of.
            log.debug("operation limits not readable, {} nodes per call: {}", batch, e.toString());
        }
        return Math.max(1, batch);
    }

    private static int limit(Optional<UInteger> limit) {
        long l = limit.map(UInteger::longValue).orElse(0L);
        return l <= 0 || l > BATCH ? BATCH : (int) l;
    }

    private static List<Optional<DeclaredUnit>> readBatch(OpcUaClient client, List<NodeId> nodes)
            throws UaException {
        List<Optional<DeclaredUnit>> out = new ArrayList<>(nodes.size());
        List<BrowsePath> paths = new ArrayList<>();
        List<Integer> asked = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(Optional.empty());
            if (nodes.get(i) != null) {
                asked.add(i);
                paths.add(new BrowsePath(nodes.get(i), ENGINEERING_UNITS));
            }
        }
        if (paths.isEmpty()) {
            return out;
        }
        BrowsePathResult[] results = client.translateBrowsePaths(paths).getResults();
        List<NodeId> properties = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int k = 0; results != null && k < results.length; k++) {
            BrowsePathResult r = results[k];
            if (r.getStatusCode().isGood() && r.getTargets() != null && r.getTargets().length > 0) {
                Optional<NodeId> property = r.getTargets()[0].getTargetId().toNodeId(client.getNamespaceTable());
                if (property.isPresent()) {
                    properties.add(property.get());
                    owners.add(asked.get(k));
                }
            }
        }
        if (properties.isEmpty()) {
            return out;
        }
        List<DataValue> values = client.readValues(0, TimestampsToReturn.Neither, properties);
        for (int k = 0; k < values.size(); k++) {
            int owner = owners.get(k);
            out.set(owner, declared(client, values.get(k), nodes.get(owner)));
        }
        return out;
    }

    private static Optional<DeclaredUnit> declared(OpcUaClient client, DataValue value, NodeId node) {
        Object v = value.getValue() == null ? null : value.getValue().getValue();
        if (!(v instanceof ExtensionObject xo)) {
            return Optional.empty();
        }
        try {
            if (xo.decode(client.getStaticEncodingContext()) instanceof EUInformation eu) {
                return Optional.of(new DeclaredUnit(eu.getNamespaceUri(), eu.getUnitId() == null ? -1 : eu.getUnitId(),
                        eu.getDisplayName() == null || eu.getDisplayName().text() == null ? ""
                                : eu.getDisplayName().text()));
            }
        } catch (RuntimeException e) {
            // A server's broken EUInformation must not stop the subscription: the unit counts as undeclared.
            log.debug("EngineeringUnits of {} cannot be decoded: {}", node, e.toString());
        }
        return Optional.empty();
    }
}
