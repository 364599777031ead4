package io.wattline.collector.modbus.link;

import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import io.wattline.collector.modbus.ModbusReadException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus master on one TCP gateway, through j2mod: Modbus TCP (MBAP framing) or raw RTU frames
 * over TCP (serial gateways in transparent mode). After any failure other than an exception
 * response the socket is dropped; the next request connects again.
 */
public final class ModbusTcpLink extends J2modLink {

    private static final Logger log = LoggerFactory.getLogger(ModbusTcpLink.class);

    private final String host;
    private final int port;
    private final boolean rtuFraming;
    private TCPMasterConnection connection;
    private ModbusTCPTransaction transaction;

    /** A Modbus TCP link (MBAP framing). */
    public ModbusTcpLink(String host, int port, Duration timeout) {
        this(host, port, timeout, false);
    }

    /** A link that sends RTU frames (with CRC, no MBAP header) through a TCP serial gateway. */
    public static ModbusTcpLink rtuOverTcp(String host, int port, Duration timeout) {
        return new ModbusTcpLink(host, port, timeout, true);
    }

    private ModbusTcpLink(String host, int port, Duration timeout, boolean rtuFraming) {
        super((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        this.rtuFraming = rtuFraming;
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 1..65535");
        }
        this.port = port;
    }

    @Override
    ModbusTransaction transaction() throws ModbusReadException {
        if (connection != null && connection.isConnected()) {
            return transaction;
        }
        drop();
        try {
            TCPMasterConnection c = new TCPMasterConnection(InetAddress.getByName(host));
            c.setPort(port);
            c.setTimeout(timeoutMillis());
            c.setUseRtuOverTcp(rtuFraming);
            c.connect();
            ModbusTCPTransaction t = new ModbusTCPTransaction(c);
            // One attempt per request: retrying is the scheduler's decision, not the transport's
            // (j2mod 3.3.0 reads 0 as "5 tries with a pause between them").
            t.setRetries(1);
            t.setReconnecting(false);
            t.setCheckingValidity(true);
            connection = c;
            transaction = t;
            log.debug("connected to {}", endpoint());
            return t;
        } catch (Exception e) {
            if (hasCause(e, SocketTimeoutException.class)) {
                throw ModbusReadException.timeout("connecting to " + endpoint(), e);
            }
            throw ModbusReadException.io("connect to " + endpoint() + " failed: " + rootMessage(e), e);
        }
    }

    @Override
    void drop() {
        if (connection != null) {
            connection.close();
        }
        connection = null;
        transaction = null;
    }

    @Override
    public String endpoint() {
        return (rtuFraming ? "rtu-over-tcp://" : "tcp://") + host + ":" + port;
    }
}
