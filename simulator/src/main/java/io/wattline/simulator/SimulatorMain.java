package io.wattline.simulator;

import io.wattline.config.ConfigException;
import io.wattline.config.ProfileLibrary;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.ProfileCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulated plant standalone until killed, so an external collector can poll it:
 * {@code --config FILE} (default: the built-in demo plant), {@code --host 127.0.0.1},
 * {@code --base-port N} (the Modbus gateway with the lowest configured port listens on N, the others
 * keep their distance to it), {@code --opcua-port N} (the simulated OPC UA PLC), {@code --seed N}.
 */
public final class SimulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    /**
     * The command line, parsed.
     *
     * @param basePort  null: the configured Modbus ports
     * @param opcUaPort null: the configured OPC UA port
     */
    record Arguments(Path config, String host, Integer basePort, Integer opcUaPort, Long seed, List<Path> profiles) {

        static Arguments parse(String... args) {
            Path config = null;
            List<Path> profiles = new ArrayList<>();
            String host = SimulatorOptions.LOOPBACK;
            Integer basePort = null;
            Integer opcUaPort = null;
            Long seed = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    throw new IllegalArgumentException(usage());
                }
                if (a.equals("--port-offset")) {
                    // It moved the OPC UA PLC too, so two simulators could not share a machine's 4841.
                    throw new IllegalArgumentException("--port-offset is gone: use --base-port N for the Modbus"
                            + " gateways and --opcua-port N for the OPC UA PLC\n" + usage());
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value\n" + usage());
                }
                String v = args[++i];
                switch (a) {
                    case "--config" -> config = Path.of(v);
                    case "--host" -> host = v;
                    case "--base-port" -> basePort = port(a, v);
                    case "--opcua-port" -> opcUaPort = port(a, v);
                    case "--seed" -> seed = (long) integer(a, v);
                    case "--profiles" -> profiles.add(Path.of(v));
                    default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
                }
            }
            return new Arguments(config, host, basePort, opcUaPort, seed, List.copyOf(profiles));
        }

        private static int port(String option, String value) {
            int port = integer(option, value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(option + " expects a port 1..65535, got " + value);
            }
            return port;
        }

        private static int integer(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects a whole number, got '" + value + "'", e);
            }
        }

        static String usage() {
            return "usage: simulate [--config plant.yaml] [--profiles DIR]... [--host 127.0.0.1] [--base-port N]"
                    + " [--opcua-port N] [--seed N]\n"
                    + "  --profiles DIR  your own device profiles (also those the plant file's profiles: names)\n"
                    + "  --base-port N   the Modbus gateways: the one with the lowest configured port listens on N,"
                    + " the others keep their distance (demo: gw-main 1502, gw-utilities 1503)\n"
                    + "  --opcua-port N  the simulated OPC UA PLC (demo: plc-line1 on 4841)";
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ProfileCatalog profiles;
        Plant plant;
        try {
            if (arguments.config() == null) {
                profiles = ProfileLibrary.load(arguments.profiles()).modbus();
                plant = DemoPlant.load(profiles);
            } else {
                ProfileLibrary library = ProfileLibrary.forPlant(arguments.config(), arguments.profiles());
                library.notes().forEach(LOG::info);
                profiles = library.modbus();
                plant = library.plantLoader().load(arguments.config());
            }
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        SimulatorOptions options = SimulatorOptions.configuredPorts()
                .withBindHost(arguments.host())
                .withModbusBasePort(arguments.basePort())
                .withOpcUaPort(arguments.opcUaPort());
        if (arguments.seed() != null) {
            options = options.withSeed(arguments.seed());
        }
        PlantSimulator simulator = PlantSimulator.start(plant, profiles, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        simulator.endpoints().forEach((id, endpoint) -> LOG.info("connection {}: {}", id, endpoint));
        LOG.info("simulating '{}' ({} meters); stop with Ctrl-C", plant.name(), plant.meters().size());
        stopped.await();
    }
}
