package io.wattline.collector.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.wattline.core.plant.OpcUaEndpoint;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * {@code ./wattline opcua-browse URL}: prints a server's address space below Objects (the Server
 * object left out) and writes an OPC UA profile skeleton for the numeric variables it finds.
 *
 * <pre>
 * opcua-browse opc.tcp://host:4840/path [--out FILE] [--depth N] [--security Basic256Sha256/SignAndEncrypt]
 *              [--user NAME --password SECRET] [--trust-all] [--data DIR]
 * </pre>
 */
public final class BrowseTool {

    private static final int MAX_NODES = 20_000;

    private BrowseTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: opcua-browse opc.tcp://host:port/path [--out FILE] [--depth N]"
                    + " [--security Basic256Sha256/SignAndEncrypt] [--user NAME --password SECRET] [--trust-all]"
                    + " [--data DIR]");
            System.exit(2);
        }
        String url = args[0];
        Path out = Path.of("opcua-profile-skeleton.yaml");
        int depth = 8;
        String security = "None/None";
        String user = null;
        String password = null;
        boolean trustAll = false;
        Path data = Path.of("data");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--depth" -> depth = Integer.parseInt(args[++i]);
                case "--security" -> security = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--trust-all" -> trustAll = true;
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        String[] sec = security.split("/");
        OpcUaEndpoint endpoint = new OpcUaEndpoint(pathOf(url), sec[0], sec.length > 1 ? sec[1] : null, user, password,
                null, trustAll);
        List<BrowsedVariable> found = browse(url, endpoint, data, depth, System.out);
        Files.writeString(out, profileSkeleton("vendor/model", found), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(found.size() + " variable(s); profile skeleton written to " + out.toAbsolutePath());
    }

    /**
     * Connects, prints the tree below Objects to {@code print} (null for silence) and returns every
     * variable found, at most {@code depth} levels down.
     */
    public static List<BrowsedVariable> browse(String url, OpcUaEndpoint endpoint, Path dataDir, int depth,
            PrintStream print) throws UaException {
        ApplicationCertificate certificate = ApplicationCertificate.loadOrCreate(dataDir.resolve("opcua"), "collector",
                OpcUaCollector.APPLICATION_URI);
        ServerTrust trust = ServerTrust.open(dataDir.resolve("opcua/pki"), endpoint.trustAllServers());
        OpcUaClient client = null;
        try {
            client = ClientFactory.create(hostOf(url), portOf(url), endpoint, certificate, trust.validator(),
                    OpcUaCollectorOptions.defaults());
            client.connect();
            client.readNamespaceTable();
            List<BrowsedVariable> found = new ArrayList<>();
            Set<NodeId> seen = new HashSet<>();
            walk(client, NodeIds.ObjectsFolder, "", 0, depth, print, found, seen);
            return found;
        } catch (UaException e) {
            throw e;
        } catch (Exception e) {
            throw new UaException(org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_UnexpectedError,
                    ConnectFailure.describe(e, url, certificate, endpoint), e);
        } finally {
            if (client != null) {
                client.disconnectAsync();
            }
            trust.close();
        }
    }

    private static void walk(OpcUaClient client, NodeId node, String path, int level, int depth, PrintStream print,
            List<BrowsedVariable> found, Set<NodeId> seen) throws UaException {
        if (level >= depth || seen.size() > MAX_NODES) {
            return;
        }
        for (ReferenceDescription r : children(client, node)) {
            NodeId child = r.getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
            if (child == null || child.equals(NodeIds.Server) || !seen.add(child)) {
                continue;
            }
            String name = r.getBrowseName().getNamespaceIndex() + ":" + r.getBrowseName().getName();
            String childPath = path.isEmpty() ? name : path + "/" + name;
            String indent = "  ".repeat(level);
            String nodeText = withNamespaceUri(child, client.getNamespaceTable().get(child.getNamespaceIndex()));
            if (r.getNodeClass() == NodeClass.Variable) {
                DataValue v = client.readValue(0, TimestampsToReturn.Neither, child);
                Object value = v.getValue() == null ? null : v.getValue().getValue();
                String type = value == null ? "" : value.getClass().getSimpleName();
                found.add(new BrowsedVariable(childPath, nodeText, r.getDisplayName().text(), type,
                        String.valueOf(value)));
                if (print != null) {
                    print.println(indent + r.getBrowseName().getName() + "  [" + nodeText + "]  " + type + " = "
                            + value + (v.getStatusCode().isGood() ? "" : "  (" + StatusQuality.reason(v.getStatusCode()) + ")"));
                }
            } else if (print != null) {
                print.println(indent + r.getBrowseName().getName() + "/  [" + nodeText + "]");
            }
            walk(client, child, childPath, level + 1, depth, print, found, seen);
        }
    }

    /** {@code nsu=urn:x;s=Name}: namespace indexes can change between server versions, URIs do not. */
    static String withNamespaceUri(NodeId id, String uri) {
        String text = id.toParseableString();
        if (id.getNamespaceIndex().intValue() == 0 || uri == null) {
            return text;
        }
        return "nsu=" + uri + ";" + text.substring(text.indexOf(';') + 1);
    }

    private static List<ReferenceDescription> children(OpcUaClient client, NodeId node) throws UaException {
        int mask = NodeClass.Object.getValue() | NodeClass.Variable.getValue();
        BrowseResult result = client.browse(new BrowseDescription(node, BrowseDirection.Forward,
                NodeIds.HierarchicalReferences, true, uint(mask), uint(BrowseResultMask.All.getValue())));
        List<ReferenceDescription> out = new ArrayList<>();
        while (true) {
            if (result.getReferences() != null) {
                out.addAll(List.of(result.getReferences()));
            }
            ByteString next = result.getContinuationPoint();
            if (next == null || next.isNull()) {
                return out;
            }
            result = client.browseNext(false, List.of(next)).getResults()[0];
        }
    }

    /**
     * A profile for {@code opcua-profiles/<id>.yaml} with one point per numeric variable. Names and
     * quantities are guesses from the browse names, marked for review.
     */
    public static String profileSkeleton(String id, List<BrowsedVariable> variables) {
        String[] parts = id.split("/", 2);
        StringBuilder b = new StringBuilder();
        b.append("# Generated by opcua-browse: check every quantity and scale, delete what you do not need.\n");
        b.append("schemaVersion: 1\nprotocol: opc-ua\n");
        b.append("vendor: ").append(parts[0]).append('\n');
        b.append("model: ").append(parts.length > 1 ? parts[1] : "model").append('\n');
        b.append("description: TODO\ndefaults:\n  samplingInterval: 1s\n  queueSize: 1\npoints:\n");
        Set<String> names = new LinkedHashSet<>();
        for (BrowsedVariable v : variables) {
            if (!v.isNumeric()) {
                continue;
            }
            String name = pointName(v.browsePath());
            String unique = name;
            for (int i = 2; !names.add(unique); i++) {
                unique = name + "_" + i;
            }
            b.append("  - name: ").append(unique).append('\n');
            b.append("    quantity: ").append(guessQuantity(v.browsePath())).append("   # check (value read: ")
                    .append(v.value()).append(' ').append(v.dataType()).append(")\n");
            b.append("    nodeId: \"").append(v.nodeId()).append("\"\n");
            b.append("    # browsePath: \"").append(v.browsePath()).append("\"\n");
        }
        return b.toString();
    }

    static String pointName(String browsePath) {
        String last = browsePath.substring(browsePath.lastIndexOf('/') + 1);
        last = last.substring(last.indexOf(':') + 1);
        String snake = last.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (snake.isEmpty() || !Character.isLetterOrDigit(snake.charAt(0))) {
            snake = "point";
        }
        return snake.length() > 64 ? snake.substring(0, 64) : snake;
    }

    static String guessQuantity(String browsePath) {
        String p = browsePath.toLowerCase(Locale.ROOT);
        if (p.contains("energy") || p.contains("kwh")) {
            return "active_energy_import";
        }
        if (p.contains("power") || p.contains("kw")) {
            return "active_power";
        }
        if (p.contains("temp")) {
            return "temperature";
        }
        if (p.contains("count") || p.contains("pieces")) {
            return "production_count";
        }
        if (p.contains("flow")) {
            return "volume_flow";
        }
        if (p.contains("pressure")) {
            return "pressure";
        }
        return "status";
    }

    private static String hostOf(String url) {
        return org.eclipse.milo.opcua.stack.core.util.EndpointUtil.getHost(url);
    }

    private static int portOf(String url) {
        int port = org.eclipse.milo.opcua.stack.core.util.EndpointUtil.getPort(url);
        return port > 0 ? port : 4840;
    }

    private static String pathOf(String url) {
        String path = org.eclipse.milo.opcua.stack.core.util.EndpointUtil.getPath(url);
        return path == null ? "" : path;
    }
}
