package io.wattline.web;

import io.wattline.collector.opcua.BrowseTool;
import io.wattline.collector.opcua.CertificateCommand;
import io.wattline.config.ConfigValidator;
import io.wattline.config.ProfileFolderCheck;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianException;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.simulator.SimulatorMain;
import io.wattline.web.accounting.ImportCommand;
import io.wattline.web.reports.ReportCommand;
import io.wattline.web.LaunchArguments.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The executable jar's entry point. {@code validate} (plant, tariff and profile files, told apart by
 * their content), {@code profile check}, {@code scan} and {@code simulate} run without Spring;
 * {@code demo} and {@code run} start the web application with the options as Spring properties.
 */
public final class WattlineMain {

    /** Exit code of a command line that cannot be run. */
    static final int EXIT_USAGE = 2;
    /** Exit code when the application could not start (for example an invalid configuration). */
    static final int EXIT_STARTUP_FAILED = 1;
    /** The IANA port of OPC UA, where the demo serves its points when free. */
    static final int DEMO_OPCUA_PORT = 4840;

    private WattlineMain() {
    }

    public static void main(String[] args) throws Exception {
        LaunchArguments launch;
        try {
            launch = LaunchArguments.parse(args);
        } catch (UsageException e) {
            System.err.println("wattline: " + e.getMessage());
            System.err.println(LaunchArguments.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        switch (launch.command()) {
            case HELP -> System.out.println(LaunchArguments.USAGE);
            case VALIDATE -> System.exit(ConfigValidator.run(launch.profileFolders(), launch.files(), System.out));
            case PROFILE_CHECK -> System.exit(ProfileFolderCheck.run(launch.profileFolders(), System.out));
            case SCAN -> System.exit(ScanCommand.run(launch.rest().toArray(String[]::new), System.out, System.err));
            case SIMULATE -> SimulatorMain.main(launch.rest().toArray(String[]::new));
            case IMPORT -> System.exit(ImportCommand.run(launch.rest().toArray(String[]::new)));
            case REPORT -> System.exit(ReportCommand.run(launch.rest().toArray(String[]::new)));
            case OPCUA_BROWSE -> BrowseTool.main(launch.rest().toArray(String[]::new));
            case OPCUA_CERT -> CertificateCommand.main(launch.rest().toArray(String[]::new));
            case USER -> System.exit(io.wattline.web.security.UserCommand.run(launch.rest().toArray(String[]::new)));
            case TOKEN -> System.exit(io.wattline.web.security.TokenCommand.run(launch.rest().toArray(String[]::new)));
            case DEMO, RUN -> {
                int code = startServer(launch, System.out, System.err);
                if (code != 0) {
                    System.exit(code);
                }
                // Netty's server threads keep the JVM alive; Spring's shutdown hook closes it.
            }
        }
    }

    /**
     * Starts the web application for {@code demo} or {@code run}; returns 0 once it serves, or an
     * exit code after printing why it did not start. A {@code run} configuration is validated first
     * so that every error is printed in the same form as {@code wattline validate}.
     */
    static int startServer(LaunchArguments launch, PrintStream out, PrintStream err) {
        if (launch.command() == LaunchArguments.Command.RUN) {
            int code = ConfigValidator.runPlant(launch.profileFolders(), launch.config(), err);
            if (code != 0) {
                err.println("wattline: not starting: " + launch.config() + " is invalid");
                return EXIT_STARTUP_FAILED;
            }
        }
        // the store's engine loads on another core while Spring builds the context (issue 12, fast start)
        Historian.loadEngineInBackground();
        try {
            start(launch);
            return 0;
        } catch (RuntimeException e) {
            err.println("wattline: startup failed: " + rootMessage(e));
            return EXIT_STARTUP_FAILED;
        }
    }

    /** Starts Spring with the launch options as command-line properties (they beat any file). */
    static ConfigurableApplicationContext start(LaunchArguments launch) {
        if (launch.command() == LaunchArguments.Command.DEMO && !launch.bind().startsWith("127.")
                && !launch.bind().equals("::1") && !launch.bind().equals("localhost")) {
            System.err.println("wattline: WARNING: the demo listens on " + launch.bind() + " and its user and password"
                    + " are documented: anyone who reaches this machine can sign in");
        }
        List<String> properties = new ArrayList<>();
        properties.add("--server.port=" + launch.port());
        properties.add("--server.address=" + launch.bind());
        if (launch.tlsKeyStore() != null) {
            properties.add("--server.ssl.enabled=true");
            properties.add("--server.ssl.key-store=" + launch.tlsKeyStore().toAbsolutePath());
            properties.add("--server.ssl.key-store-type=PKCS12");
            // resolved by Spring from the environment (or a system property): never on the command line
            properties.add("--server.ssl.key-store-password=${WATTLINE_TLS_PASSWORD:}");
        }
        properties.add("--wattline.data-dir=" + launch.dataDir().toAbsolutePath());
        properties.add("--wattline.demo=" + (launch.command() == LaunchArguments.Command.DEMO));
        if (launch.config() != null) {
            properties.add("--wattline.config=" + launch.config().toAbsolutePath());
        }
        for (int i = 0; i < launch.profileFolders().size(); i++) {
            properties.add("--wattline.profiles[" + i + "]=" + launch.profileFolders().get(i).toAbsolutePath());
        }
        if (launch.scenario() != null) {
            properties.add("--wattline.scenario=" + launch.scenario());
        }
        if (!"all".equals(launch.role())) {
            properties.add("--wattline.fleet.role=" + launch.role());
            properties.add("--wattline.fleet.group=" + launch.group().toAbsolutePath());
            if (launch.node() != null) {
                properties.add("--wattline.fleet.node=" + launch.node());
            }
        }
        int opcUaPort = northboundPort(launch);
        if (opcUaPort > 0) {
            properties.add("--wattline.opcua.server.enabled=true");
            properties.add("--wattline.opcua.server.port=" + opcUaPort);
            properties.add("--wattline.opcua.server.bind-address=" + launch.bind());
            if (launch.command() == LaunchArguments.Command.DEMO || LaunchArguments.DEFAULT_BIND.equals(launch.bind())) {
                // advertise the address clients can reach: loopback stays on this machine
                properties.add("--wattline.opcua.server.hostname=" + (launch.bind().equals("0.0.0.0")
                        ? "127.0.0.1" : launch.bind()));
            }
        }
        return SpringApplication.run(WattlineApplication.class, properties.toArray(String[]::new));
    }

    /**
     * The north-bound OPC UA port to serve on, or 0 for none. The demo offers it on 4840 when that
     * port is free (a second demo on the same machine simply goes without); an explicit port must bind.
     */
    static int northboundPort(LaunchArguments launch) {
        if (launch.opcUaPort() != LaunchArguments.OPCUA_DEFAULT) {
            return launch.opcUaPort();
        }
        if (launch.command() != LaunchArguments.Command.DEMO) {
            return 0;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(DEMO_OPCUA_PORT));
            return DEMO_OPCUA_PORT;
        } catch (java.io.IOException e) {
            System.err.println("wattline: port " + DEMO_OPCUA_PORT + " is taken: the demo runs without its"
                    + " north-bound OPC UA server (use --opcua-port N to choose another)");
            return 0;
        }
    }

    /** The message that explains the failure: ours (configuration, data directory), else the root cause's. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof InvalidPlantConfigurationException || root instanceof HistorianException) {
                return root.getMessage();
            }
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
