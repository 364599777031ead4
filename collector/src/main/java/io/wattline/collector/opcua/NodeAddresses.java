package io.wattline.collector.opcua;

import io.wattline.profiles.opcua.OpcUaPoint;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePath;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePathResult;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePath;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePathElement;

/**
 * Resolves the node ids and browse paths profiles write into server node ids. A browse path is
 * {@code 2:Line1/2:GoodCount}: qualified names separated by {@code /}, each with its namespace
 * index, followed from the Objects folder along hierarchical references.
 */
final class NodeAddresses {

    private NodeAddresses() {
    }

    /** Resolves every point's address; an entry is null when the server does not know it. */
    static List<NodeId> resolve(OpcUaClient client, List<OpcUaPoint> points) throws UaException {
        client.readNamespaceTable();
        List<NodeId> out = new ArrayList<>();
        List<Integer> pathIndexes = new ArrayList<>();
        List<BrowsePath> paths = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            OpcUaPoint p = points.get(i);
            if (p.nodeId() != null) {
                out.add(ExpandedNodeId.parse(p.nodeId()).toNodeId(client.getNamespaceTable()).orElse(null));
            } else {
                out.add(null);
                pathIndexes.add(i);
                paths.add(new BrowsePath(NodeIds.ObjectsFolder, relativePath(p.browsePath())));
            }
        }
        int batch = paths.isEmpty() ? 1 : EngineeringUnitsReader.batchSize(client);
        for (int from = 0; from < paths.size(); from += batch) {
            int to = Math.min(paths.size(), from + batch);
            BrowsePathResult[] results = client.translateBrowsePaths(paths.subList(from, to)).getResults();
            for (int k = 0; results != null && k < results.length; k++) {
                BrowsePathResult r = results[k];
                if (r.getStatusCode().isGood() && r.getTargets() != null && r.getTargets().length > 0) {
                    out.set(pathIndexes.get(from + k), r.getTargets()[0].getTargetId()
                            .toNodeId(client.getNamespaceTable()).orElse(null));
                }
            }
        }
        return out;
    }

    static RelativePath relativePath(String browsePath) {
        String[] parts = browsePath.split("/");
        List<RelativePathElement> elements = new ArrayList<>();
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            elements.add(new RelativePathElement(NodeIds.HierarchicalReferences, false, true, qualifiedName(part)));
        }
        return new RelativePath(elements.toArray(RelativePathElement[]::new));
    }

    /** {@code 2:GoodCount} → namespace 2, name GoodCount; a name without index is in namespace 0. */
    static QualifiedName qualifiedName(String text) {
        int colon = text.indexOf(':');
        if (colon > 0 && text.substring(0, colon).chars().allMatch(Character::isDigit)) {
            return new QualifiedName(Integer.parseInt(text.substring(0, colon)), text.substring(colon + 1));
        }
        return new QualifiedName(0, text);
    }
}
