package io.wattline.collector.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.wattline.collector.opcua.UnitCheck.DeclaredUnit;
import io.wattline.core.plant.OpcUaEndpoint;
import io.wattline.profiles.ProfileException;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
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
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * {@code ./wattline opcua-browse URL}: prints a server's address space below Objects (the Server
 * object left out) with each variable's EngineeringUnits, and writes an OPC UA profile skeleton
 * for the numeric variables it finds; with {@code --check PROFILE} it checks a profile against the
 * server instead (every node present, every declared unit compatible) and exits 1 on a problem.
 *
 * <pre>
 * opcua-browse opc.tcp://host:4840/path [--out FILE] [--depth N] [--check PROFILE.yaml]
 *              [--security Basic256Sha256/SignAndEncrypt] [--user NAME --password SECRET] [--trust-all]
 *              [--no-hostname-check] [--data DIR]
 * </pre>
 */
public final class BrowseTool {

    private static final int MAX_NODES = 20_000;
    private static final String USAGE = "usage: opcua-browse opc.tcp://host:port/path [--out FILE] [--depth N]"
            + " [--check PROFILE.yaml] [--security Basic256Sha256/SignAndEncrypt] [--user NAME --password SECRET]"
            + " [--trust-all] [--no-hostname-check] [--data DIR]";

    private BrowseTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String url = args[0];
        Path out = Path.of("opcua-profile-skeleton.yaml");
        Path check = null;
        int depth = 8;
        String security = "None/None";
        String user = null;
        String password = null;
        boolean trustAll = false;
        boolean checkHostname = true;
        Path data = Path.of("data");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--check" -> check = Path.of(args[++i]);
                case "--depth" -> depth = Integer.parseInt(args[++i]);
                case "--security" -> security = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--trust-all" -> trustAll = true;
                case "--no-hostname-check" -> checkHostname = false;
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        String[] sec = security.split("/");
        OpcUaEndpoint endpoint = new OpcUaEndpoint(pathOf(url), sec[0], sec.length > 1 ? sec[1] : null, user, password,
                null, trustAll).withServerHostnameCheck(checkHostname);
        try {
            run(url, endpoint, data, out, check, depth);
        } catch (UaException | ProfileException e) {
            // One sentence (or the profile's located errors), no stack trace.
            System.err.println("opcua-browse: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String url, OpcUaEndpoint endpoint, Path data, Path out, Path check, int depth)
            throws Exception {
        if (check != null) {
            OpcUaProfile profile = OpcUaProfileLoader.parse(profileId(check), check.toString(),
                    Files.readString(check, StandardCharsets.UTF_8));
            List<ProfileCheck.PointCheck> results = check(url, endpoint, data, profile);
            results.forEach(System.out::println);
            long problems = results.stream().filter(ProfileCheck.PointCheck::problem).count();
            System.out.println();
            System.out.println(results.size() + " point(s) checked against " + url + ": " + problems + " problem(s)");
            System.exit(problems == 0 ? 0 : 1);
        }
        List<BrowsedVariable> found = browse(url, endpoint, data, depth, System.out);
        Files.writeString(out, profileSkeleton("vendor/model", found), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(found.size() + " variable(s); profile skeleton written to " + out.toAbsolutePath());
    }

    /**
     * Connects, prints the tree below Objects to {@code print} (null for silence) and returns every
     * variable found, at most {@code depth} levels down, with the units the server declares.
     */
    public static List<BrowsedVariable> browse(String url, OpcUaEndpoint endpoint, Path dataDir, int depth,
            PrintStream print) throws UaException {
        return connected(url, endpoint, dataDir, client -> {
            List<Found> found = new ArrayList<>();
            walk(client, NodeIds.ObjectsFolder, "", 0, depth, found, new HashSet<>());
            List<Optional<DeclaredUnit>> units = EngineeringUnitsReader.read(client,
                    found.stream().map(f -> f.variable() ? f.node() : null).toList());
            List<BrowsedVariable> variables = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                Found f = found.get(i);
                String unit = units.get(i).map(BrowseTool::unitText).orElse("");
                if (print != null) {
                    print.println(f.line() + (unit.isEmpty() ? "" : "  [" + unit + "]"));
                }
                if (f.variable()) {
                    variables.add(new BrowsedVariable(f.path(), f.nodeText(), f.displayName(), f.dataType(), f.value(),
                            unit));
                }
            }
            return variables;
        });
    }

    /** Checks {@code profile} against the server: nodes present, declared units compatible. */
    public static List<ProfileCheck.PointCheck> check(String url, OpcUaEndpoint endpoint, Path dataDir,
            OpcUaProfile profile) throws UaException {
        return connected(url, endpoint, dataDir, client -> ProfileCheck.check(client, profile));
    }

    /** A profile skeleton for {@code opcua-profiles/<id>.yaml} (see {@link ProfileSkeleton}). */
    public static String profileSkeleton(String id, List<BrowsedVariable> variables) {
        return ProfileSkeleton.write(id, variables);
    }

    private interface WithClient<T> {
        T apply(OpcUaClient client) throws UaException;
    }

    private static <T> T connected(String url, OpcUaEndpoint endpoint, Path dataDir, WithClient<T> work)
            throws UaException {
        ApplicationCertificate certificate = ApplicationCertificate.loadOrCreate(dataDir.resolve("opcua"), "collector",
                OpcUaCollector.APPLICATION_URI);
        ServerTrust trust = ServerTrust.open(dataDir.resolve("opcua/pki"), endpoint.trustAllServers(),
                endpoint.checkServerHostname());
        OpcUaClient client = null;
        try {
            client = ClientFactory.create(hostOf(url), portOf(url), endpoint, certificate, trust.validator(),
                    OpcUaCollectorOptions.defaults());
            client.connect();
            client.readNamespaceTable();
            return work.apply(client);
        } catch (Exception e) {
            throw new UaException(StatusCodes.Bad_UnexpectedError,
                    ConnectFailure.describe(e, new ConnectFailure.Where(url, ConnectFailure.derOf(certificate), endpoint,
                            dataDir.resolve("opcua/pki"), null)), e);
        } finally {
            if (client != null) {
                client.disconnectAsync();
            }
            trust.close();
        }
    }

    /** A node found while walking, with the line printed for it. */
    private record Found(NodeId node, boolean variable, String path, String nodeText, String displayName,
            String dataType, String value, String line) {
    }

    private static void walk(OpcUaClient client, NodeId node, String path, int level, int depth, List<Found> found,
            Set<NodeId> seen) throws UaException {
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
                found.add(new Found(child, true, childPath, nodeText, r.getDisplayName().text(), type,
                        String.valueOf(value), indent + r.getBrowseName().getName() + "  [" + nodeText + "]  " + type
                                + " = " + value + (v.getStatusCode().isGood() ? ""
                                : "  (" + StatusQuality.reason(v.getStatusCode()) + ")")));
            } else {
                found.add(new Found(child, false, childPath, nodeText, r.getDisplayName().text(), "", "",
                        indent + r.getBrowseName().getName() + "/  [" + nodeText + "]"));
            }
            walk(client, child, childPath, level + 1, depth, found, seen);
        }
    }

    /** {@code kW}, {@code 1} for a plain number, or the server's display name for a unit Wattline does not know. */
    private static String unitText(DeclaredUnit unit) {
        return unit.known().map(u -> u.symbol().isEmpty() ? "1" : u.symbol()).orElse(unit.displayName());
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

    /** {@code vendor/model} from a profile path {@code .../vendor/model.yaml}, else the file's base name. */
    private static String profileId(Path file) {
        String model = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path parent = file.toAbsolutePath().getParent();
        return parent == null || parent.getFileName() == null ? model : parent.getFileName() + "/" + model;
    }

    private static String hostOf(String url) {
        return EndpointUtil.getHost(url);
    }

    private static int portOf(String url) {
        int port = EndpointUtil.getPort(url);
        return port > 0 ? port : 4840;
    }

    private static String pathOf(String url) {
        String path = EndpointUtil.getPath(url);
        return path == null ? "" : path;
    }
}
