package io.wattline.simulator;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * j2mod adapter: one Modbus TCP listener serving several simulated devices by unit id, speaking
 * Modbus TCP (MBAP header) or RTU frames over TCP (what a serial gateway in transparent mode does).
 *
 * <p>j2mod's {@link ModbusSlaveFactory} keys slaves by port alone and returns an existing slave
 * for a port already used in this JVM, and it cannot report the port the OS chose for port 0.
 * So for an ephemeral port we pick a free one ourselves (bind port 0, read it, release it), make
 * sure no slave of this JVM holds it, and retry with another port if the bind then fails.
 */
final class ModbusTcpSlave implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpSlave.class);
    private static final int LISTENER_THREADS = 8;
    private static final int EPHEMERAL_ATTEMPTS = 10;
    /** Guards j2mod's static slave table between our check and create. */
    private static final Object FACTORY_LOCK = new Object();

    private final ModbusSlave slave;
    private final String host;
    private final int port;

    private ModbusTcpSlave(ModbusSlave slave, String host, int port) {
        this.slave = slave;
        this.host = host;
        this.port = port;
    }

    /**
     * Opens a listener on {@code host}:{@code port} serving {@code devices}; port 0 picks a free
     * port. Throws {@link IllegalStateException} naming the endpoint when it cannot listen.
     */
    static ModbusTcpSlave open(String name, String host, int port, boolean rtuOverTcp, List<SimulatedDevice> devices) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot resolve bind host '" + host + "'", e);
        }
        if (port != 0) {
            return openOn(name, address, host, port, rtuOverTcp, devices);
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < EPHEMERAL_ATTEMPTS; attempt++) {
            try {
                return openOn(name, address, host, freePort(address), rtuOverTcp, devices);
            } catch (IllegalStateException e) {
                LOG.debug("{}: free port was taken before we could listen on it, trying another: {}", name, e.getMessage());
                last = e;
            }
        }
        throw new IllegalStateException(name + ": no free port on " + host + " after " + EPHEMERAL_ATTEMPTS
                + " attempts", last);
    }

    private static ModbusTcpSlave openOn(String name, InetAddress address, String host, int port,
            boolean rtuOverTcp, List<SimulatedDevice> devices) {
        synchronized (FACTORY_LOCK) {
            if (ModbusSlaveFactory.getSlave(ModbusSlaveType.TCP, port) != null) {
                throw new IllegalStateException(name + ": port " + port
                        + " is already served by another simulated slave in this process");
            }
            ModbusSlave slave;
            try {
                slave = ModbusSlaveFactory.createTCPSlave(address, port, LISTENER_THREADS, rtuOverTcp);
            } catch (ModbusException e) {
                throw new IllegalStateException(name + ": cannot create a Modbus TCP slave on " + host + ":" + port
                        + ": " + e.getMessage(), e);
            }
            for (SimulatedDevice d : devices) {
                slave.addProcessImage(d.unitId(), new ComputedProcessImage(d));
            }
            slave.setThreadName("modbus-sim-" + name);
            try {
                slave.open();
            } catch (ModbusException e) {
                ModbusSlaveFactory.close(slave);
                throw new IllegalStateException(name + ": cannot listen on " + host + ":" + port + ": "
                        + e.getMessage(), e);
            }
            return new ModbusTcpSlave(slave, host, port);
        }
    }

    private static int freePort(InetAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(address, 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + address, e);
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        synchronized (FACTORY_LOCK) {
            ModbusSlaveFactory.close(slave);
        }
    }
}
