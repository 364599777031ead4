package io.wattline.core.plant;

import java.time.Duration;

/**
 * A bus or gateway that meters hang on: a Modbus TCP gateway (host, port), an RS-485 line
 * (serial device, baud, parity, stop bits) or a serial gateway speaking RTU over TCP. Several
 * meters share one connection and are told apart by unit id.
 *
 * @param parity        {@code N}, {@code E} or {@code O}; null for TCP
 * @param timeout       how long to wait for one response
 * @param concurrency   outstanding requests allowed at once (always 1 on a serial bus)
 * @param opcUa         endpoint, security and user of an OPC UA connection; null for Modbus
 * @param polling       per-connection collection options (strategy, retries, backoff, inter-frame delay);
 *                      {@link PollingOptions#DEFAULTS} when the plant file sets none, never null
 */
public record Connection(
        String id,
        ConnectionType type,
        String host,
        int port,
        String serialDevice,
        int baudRate,
        String parity,
        int stopBits,
        Duration timeout,
        int concurrency,
        OpcUaEndpoint opcUa,
        PollingOptions polling) {

    public Connection {
        polling = polling == null ? PollingOptions.DEFAULTS : polling;
    }

    /** A connection with the collector's default polling options. */
    public Connection(String id, ConnectionType type, String host, int port, String serialDevice, int baudRate,
            String parity, int stopBits, Duration timeout, int concurrency, OpcUaEndpoint opcUa) {
        this(id, type, host, port, serialDevice, baudRate, parity, stopBits, timeout, concurrency, opcUa,
                PollingOptions.DEFAULTS);
    }

    /** A connection without OPC UA options (the constructor of the Modbus-only model). */
    public Connection(String id, ConnectionType type, String host, int port, String serialDevice, int baudRate,
            String parity, int stopBits, Duration timeout, int concurrency) {
        this(id, type, host, port, serialDevice, baudRate, parity, stopBits, timeout, concurrency,
                type == ConnectionType.OPC_UA ? OpcUaEndpoint.anonymousNone() : null);
    }

    /** An OPC UA connection to {@code host:port} with the given endpoint options. */
    public static Connection opcUa(String id, String host, int port, OpcUaEndpoint endpoint) {
        return new Connection(id, ConnectionType.OPC_UA, host, port, null, 0, null, 0, Duration.ofSeconds(5), 1,
                endpoint);
    }

    public static Connection modbusTcp(String id, String host, int port) {
        return new Connection(id, ConnectionType.MODBUS_TCP, host, port, null, 0, null, 0,
                Duration.ofSeconds(1), 1);
    }

    /** Same connection with other OPC UA endpoint options (a resolved password). */
    public Connection withOpcUa(OpcUaEndpoint endpoint) {
        return new Connection(id, type, host, port, serialDevice, baudRate, parity, stopBits, timeout, concurrency,
                endpoint, polling);
    }

    /** Same connection pointed at another host and port (the demo rewrites ports this way). */
    public Connection withEndpoint(String newHost, int newPort) {
        return new Connection(id, type, newHost, newPort, serialDevice, baudRate, parity, stopBits,
                timeout, concurrency, opcUa, polling);
    }

    /** Same connection on another serial device and baud rate (the simulator's bus emulator). */
    public Connection withSerialDevice(String newDevice, int newBaudRate) {
        return new Connection(id, type, host, port, newDevice, newBaudRate, parity, stopBits, timeout, concurrency,
                opcUa, polling);
    }

    /** Same connection with other polling options. */
    public Connection withPolling(PollingOptions newPolling) {
        return new Connection(id, type, host, port, serialDevice, baudRate, parity, stopBits, timeout, concurrency,
                opcUa, newPolling);
    }
}
