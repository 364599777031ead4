package io.wattline.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's command line, parsed: which subcommand and its options. Parsing is strict so that
 * a typo ({@code --prot 8080}) stops with a usage message instead of silently using a default.
 *
 * @param files for {@code validate}: the files to check
 * @param opcUaPort for {@code demo} and {@code run}: port of the north-bound OPC UA server, 0 for
 *                  none, {@link #OPCUA_DEFAULT} for the command's default (demo: 4840 when free; run: none)
 * @param rest  for {@code simulate}, {@code import}, {@code report}, {@code opcua-browse}, {@code opcua-cert} and {@code scan}: the arguments
 *              handed on untouched
 * @param profileFolders for {@code run} and {@code validate}: folders of the site's own profiles
 *              ({@code --profiles DIR}, repeatable); for {@code profile check}: the folders to check
 * @param scenario for {@code demo}: the demo scenario to run ({@code night-waste}), or null
 * @param role for {@code demo} and {@code run}: {@code all} (default: one plant, no MQTT), {@code edge} or
 *             {@code central} (docs/fleet.md)
 * @param group for {@code --role edge|central}: the group file
 * @param node  for {@code --role edge|central}: this node's id in the group file, or null
 * @param bind for {@code demo} and {@code run}: the address the HTTP and OPC UA servers listen on
 *             ({@link #DEFAULT_BIND}, this machine only, unless told otherwise)
 * @param tlsKeyStore for {@code demo} and {@code run}: a PKCS#12 key store to serve HTTPS with, or null
 *             (its password from {@code WATTLINE_TLS_PASSWORD})
 */
public record LaunchArguments(Command command, int port, Path dataDir, Path config,
        List<Path> files, List<String> rest, int opcUaPort, List<Path> profileFolders, String scenario,
        String role, Path group, String node, String bind, Path tlsKeyStore) {

    /** The roles of {@code --role}. */
    public static final List<String> ROLES = List.of("all", "edge", "central");

    /** The subcommands the jar understands (the bash launcher adds build, test and bench). */
    public enum Command { DEMO, RUN, VALIDATE, SIMULATE, IMPORT, REPORT, OPCUA_BROWSE, OPCUA_CERT, PROFILE_CHECK, SCAN,
        USER, TOKEN, HELP }

    public static final int DEFAULT_PORT = 8080;
    /** {@code --opcua-port} not given: the demo serves OPC UA on 4840 when it is free, run does not. */
    public static final int OPCUA_DEFAULT = -1;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    /** Loopback: a server reachable from the plant network is a decision written on the command line. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    public static final String USAGE = String.join("\n",
            "usage: wattline <command> [options]",
            "  demo [--port N] [--data DIR] [--opcua-port N] [--scenario night-waste]   run on the built-in demo plant"
                    + " (simulated in-process; a scenario makes its alarms fire)",
            "  run --config FILE [--profiles DIR]... [--port N] [--data DIR] [--opcua-port N]   run on your plant configuration",
            "      demo and run also take --bind ADDRESS (default " + DEFAULT_BIND + "; 0.0.0.0 for every interface)"
                    + " and --tls-keystore FILE.p12 (HTTPS; password in WATTLINE_TLS_PASSWORD)",
            "      demo and run also take [--role all|edge|central --group FILE [--node ID]]: many plants over MQTT"
                    + " Sparkplug B (docs/fleet.md)",
            "  validate [--profiles DIR]... FILE...         check plant, tariff and profile files; exit 1 on errors",
            "  profile check DIR...                         run the frame suite on a folder of your own profiles",
            "  scan URL [--units 1-32] [--profiles DIR]... [--out FILE]   find and identify the meters on a bus",
            "  simulate [--config FILE] [--profiles DIR]... [--base-port N] [--opcua-port N]   run the demo plant simulator alone",
            "  import FILE.csv (--config FILE | --demo) [--data DIR] [--replace]   import counter readings",
            "  report NAME --period P (--config FILE | --demo) [--data DIR]   make a report for a past period",
            "  opcua-browse URL [options]                   print an OPC UA server's address space, write a profile skeleton",
            "  opcua-cert show|renew [--data DIR]           show or renew the OPC UA client's application certificate",
            "  user add NAME --role ROLE | remove NAME | list [--data DIR]   manage who may sign in (roles: viewer,"
                    + " operator, engineer, admin)",
            "  token create NAME --user USER | revoke NAME | list [--data DIR]   API tokens for scripts"
                    + " (Authorization: Bearer TOKEN)",
            "defaults: --port " + DEFAULT_PORT + ", --data ./" + DEFAULT_DATA_DIR
                    + "; --opcua-port N serves every point over OPC UA (0: off; demo: 4840 when free)");

    public LaunchArguments(Command command, int port, Path dataDir, Path config, List<Path> files,
            List<String> rest, int opcUaPort, List<Path> profileFolders, String scenario) {
        this(command, port, dataDir, config, files, rest, opcUaPort, profileFolders, scenario, "all", null, null,
                DEFAULT_BIND, null);
    }

    public LaunchArguments(Command command, int port, Path dataDir, Path config, List<Path> files,
            List<String> rest) {
        this(command, port, dataDir, config, files, rest, OPCUA_DEFAULT, List.of(), null);
    }

    public LaunchArguments(Command command, int port, Path dataDir, Path config, List<Path> files,
            List<String> rest, int opcUaPort) {
        this(command, port, dataDir, config, files, rest, opcUaPort, List.of(), null);
    }

    public LaunchArguments(Command command, int port, Path dataDir, Path config, List<Path> files,
            List<String> rest, int opcUaPort, List<Path> profileFolders) {
        this(command, port, dataDir, config, files, rest, opcUaPort, profileFolders, null);
    }

    public LaunchArguments {
        files = List.copyOf(files);
        rest = List.copyOf(rest);
        profileFolders = List.copyOf(profileFolders);
    }

    /** Thrown for a command line that cannot be run; the message says what was wrong. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LaunchArguments parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        List<String> tail = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "demo" -> parseServer(Command.DEMO, tail);
            case "run" -> parseServer(Command.RUN, tail);
            case "validate" -> parseValidate(tail);
            case "simulate" -> new LaunchArguments(Command.SIMULATE, DEFAULT_PORT, DEFAULT_DATA_DIR,
                    null, List.of(), tail);
            case "import" -> new LaunchArguments(Command.IMPORT, DEFAULT_PORT, DEFAULT_DATA_DIR,
                    null, List.of(), tail);
            case "report" -> new LaunchArguments(Command.REPORT, DEFAULT_PORT, DEFAULT_DATA_DIR,
                    null, List.of(), tail);
            case "opcua-browse" -> new LaunchArguments(Command.OPCUA_BROWSE, DEFAULT_PORT, DEFAULT_DATA_DIR,
                    null, List.of(), tail);
            case "user" -> new LaunchArguments(Command.USER, DEFAULT_PORT, DEFAULT_DATA_DIR, null, List.of(), tail);
            case "token" -> new LaunchArguments(Command.TOKEN, DEFAULT_PORT, DEFAULT_DATA_DIR, null, List.of(), tail);
            case "scan" -> new LaunchArguments(Command.SCAN, DEFAULT_PORT, DEFAULT_DATA_DIR, null, List.of(), tail);
            case "profile" -> parseProfile(tail);
            case "opcua-cert" -> new LaunchArguments(Command.OPCUA_CERT, DEFAULT_PORT, DEFAULT_DATA_DIR,
                    null, List.of(), tail);
            case "help", "-h", "--help" -> new LaunchArguments(Command.HELP, DEFAULT_PORT,
                    DEFAULT_DATA_DIR, null, List.of(), List.of());
            default -> throw new UsageException("unknown command '" + args[0] + "'");
        };
    }

    private static LaunchArguments parseServer(Command command, List<String> args)
            throws UsageException {
        int port = DEFAULT_PORT;
        Path dataDir = DEFAULT_DATA_DIR;
        Path config = null;
        int opcUaPort = OPCUA_DEFAULT;
        List<Path> profiles = new ArrayList<>();
        String scenario = null;
        String bind = DEFAULT_BIND;
        Path tls = null;
        String role = "all";
        Path group = null;
        String node = null;
        boolean dataGiven = false;
        String name = command.name().toLowerCase();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = optionValue(args, i, option, name);
            switch (option) {
                case "--port" -> port = parsePort(value);
                case "--data" -> {
                    dataDir = Path.of(value);
                    dataGiven = true;
                }
                case "--scenario" -> {
                    if (command != Command.DEMO) {
                        throw new UsageException("scenarios are for the demo: 'demo --scenario " + value + "'");
                    }
                    scenario = value;
                }
                case "--opcua-port" -> opcUaPort = value.equals("0") ? 0 : parsePort(value);
                case "--profiles" -> profiles.add(Path.of(value));
                case "--bind" -> bind = value.strip();
                case "--tls-keystore" -> tls = Path.of(value);
                case "--role" -> {
                    if (!ROLES.contains(value)) {
                        throw new UsageException("--role must be all, edge or central, got '" + value + "'");
                    }
                    role = value;
                }
                case "--group" -> group = Path.of(value);
                case "--node" -> node = value;
                case "--config" -> {
                    if (command != Command.RUN) {
                        throw new UsageException("'demo' runs the built-in plant and takes no --config;"
                                + " use 'run --config FILE'");
                    }
                    config = Path.of(value);
                }
                default -> throw new UsageException("unknown option '" + option + "' for '" + name + "'");
            }
            i++;
        }
        if (command == Command.RUN && config == null) {
            throw new UsageException("'run' needs --config FILE");
        }
        if (!role.equals("all") && group == null) {
            throw new UsageException("--role " + role + " needs --group FILE (the group file, docs/fleet.md)");
        }
        if (role.equals("all") && (group != null || node != null)) {
            throw new UsageException("--group and --node are for --role edge or central");
        }
        if (scenario != null && !dataGiven) {
            // a scenario runs on its own clock: keep its history apart from the plain demo's
            dataDir = DEFAULT_DATA_DIR.resolve("scenario-" + scenario);
        }
        return new LaunchArguments(command, port, dataDir, config, List.of(), List.of(), opcUaPort, profiles, scenario,
                role, group, node, bind, tls);
    }

    private static LaunchArguments parseValidate(List<String> args) throws UsageException {
        List<Path> files = new ArrayList<>();
        List<Path> profiles = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--profiles")) {
                profiles.add(Path.of(optionValue(args, i, a, "validate")));
                i++;
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option '" + a + "' for 'validate'");
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty() && profiles.isEmpty()) {
            throw new UsageException("'validate' needs at least one FILE (or --profiles DIR)");
        }
        return new LaunchArguments(Command.VALIDATE, DEFAULT_PORT, DEFAULT_DATA_DIR, null, files,
                List.of(), OPCUA_DEFAULT, profiles);
    }

    /** {@code profile check DIR...}. */
    private static LaunchArguments parseProfile(List<String> args) throws UsageException {
        if (args.isEmpty() || !args.get(0).equals("check")) {
            throw new UsageException("'profile' needs a subcommand: profile check DIR...");
        }
        List<Path> folders = new ArrayList<>();
        for (String a : args.subList(1, args.size())) {
            if (a.startsWith("--")) {
                throw new UsageException("unknown option '" + a + "' for 'profile check'");
            }
            folders.add(Path.of(a));
        }
        if (folders.isEmpty()) {
            throw new UsageException("'profile check' needs at least one DIR");
        }
        return new LaunchArguments(Command.PROFILE_CHECK, DEFAULT_PORT, DEFAULT_DATA_DIR, null, List.of(),
                List.of(), OPCUA_DEFAULT, folders);
    }

    private static String optionValue(List<String> args, int i, String option, String command)
            throws UsageException {
        if (!option.startsWith("--")) {
            throw new UsageException("unexpected argument '" + option + "' for '" + command + "'");
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args.get(i + 1);
    }

    private static int parsePort(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be 0..65535, got " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number 0..65535, got '" + text + "'");
        }
    }
}
