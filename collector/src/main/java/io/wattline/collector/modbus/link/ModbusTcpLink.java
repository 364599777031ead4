package io.wattline.collector.modbus.link;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.profiles.RegisterFunction;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus master on one TCP gateway, through j2mod: Modbus TCP (MBAP framing) or raw RTU frames
 * over TCP (serial gateways in transparent mode). After any failure other than an exception
 * response the socket is dropped, so a late answer to a timed-out request can never be taken for
 * the answer to the next one; the next read connects again.
 */
public final class ModbusTcpLink implements ModbusLink {

    private static final Logger log = LoggerFactory.getLogger(ModbusTcpLink.class);

    private final String host;
    private final int port;
    private final int timeoutMillis;
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
        this.rtuFraming = rtuFraming;
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 1..65535");
        }
        this.port = port;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public int[] readRegisters(int unitId, RegisterFunction function, int start, int count)
            throws ModbusReadException {
        ModbusRequest request = switch (function) {
            case HOLDING -> new ReadMultipleRegistersRequest(start, count);
            case INPUT -> new ReadInputRegistersRequest(start, count);
            case COIL, DISCRETE -> throw new IllegalArgumentException(function + " is a bit table: use readBits");
        };
        ModbusResponse response = execute(unitId, request);
        int[] values = new int[count];
        if (response instanceof ReadMultipleRegistersResponse r && r.getWordCount() == count) {
            for (int i = 0; i < count; i++) {
                values[i] = r.getRegisterValue(i) & 0xFFFF;
            }
        } else if (response instanceof ReadInputRegistersResponse r && r.getWordCount() == count) {
            for (int i = 0; i < count; i++) {
                values[i] = r.getRegisterValue(i) & 0xFFFF;
            }
        } else {
            drop();
            throw ModbusReadException.badResponse("asked " + function + " " + start + "+" + count
                    + ", got " + describe(response));
        }
        return values;
    }

    @Override
    public int[] readBits(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException {
        ModbusRequest request = switch (function) {
            case COIL -> new ReadCoilsRequest(start, count);
            case DISCRETE -> new ReadInputDiscretesRequest(start, count);
            case HOLDING, INPUT -> throw new IllegalArgumentException(function + " is a register table: use readRegisters");
        };
        ModbusResponse response = execute(unitId, request);
        int[] bits = new int[count];
        // Bit responses come padded to whole bytes: only the byte count can be checked.
        int bytesNeeded = (count + 7) / 8;
        if (response instanceof ReadCoilsResponse r && r.getCoils().byteSize() >= bytesNeeded) {
            for (int i = 0; i < count; i++) {
                bits[i] = r.getCoilStatus(i) ? 1 : 0;
            }
        } else if (response instanceof ReadInputDiscretesResponse r && r.getDiscretes().byteSize() >= bytesNeeded) {
            for (int i = 0; i < count; i++) {
                bits[i] = r.getDiscreteStatus(i) ? 1 : 0;
            }
        } else {
            drop();
            throw ModbusReadException.badResponse("asked " + function + " " + start + "+" + count
                    + ", got " + describe(response));
        }
        return bits;
    }

    private ModbusResponse execute(int unitId, ModbusRequest request) throws ModbusReadException {
        ensureConnected();
        request.setUnitID(unitId);
        transaction.setRequest(request);
        long started = System.nanoTime();
        try {
            transaction.execute();
        } catch (ModbusSlaveException e) {
            // An exception response is a complete, well-formed answer: the connection stays usable.
            throw ModbusReadException.exceptionCode(e.getType());
        } catch (ModbusIOException e) {
            drop();
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            if (isTimeout(e) || elapsedMillis >= timeoutMillis) {
                throw ModbusReadException.timeout("no response from unit " + unitId + " at " + endpoint()
                        + " within " + timeoutMillis + " ms", e);
            }
            throw ModbusReadException.io(rootMessage(e), e);
        } catch (ModbusException e) {
            // j2mod reports a transaction id mismatch this way: the stream is out of step.
            drop();
            throw ModbusReadException.badResponse(rootMessage(e));
        }
        ModbusResponse response = transaction.getResponse();
        if (response == null) {
            drop();
            throw ModbusReadException.badResponse("no response object");
        }
        if (response.getUnitID() != unitId && response.getUnitID() != 0) {
            drop();
            throw ModbusReadException.badResponse("answer from unit " + response.getUnitID()
                    + " to a request for unit " + unitId);
        }
        return response;
    }

    private void ensureConnected() throws ModbusReadException {
        if (connection != null && connection.isConnected()) {
            return;
        }
        drop();
        try {
            TCPMasterConnection c = new TCPMasterConnection(InetAddress.getByName(host));
            c.setPort(port);
            c.setTimeout(timeoutMillis);
            c.setUseRtuOverTcp(rtuFraming);
            c.connect();
            ModbusTCPTransaction t = new ModbusTCPTransaction(c);
            // One attempt per read: retrying is the scheduler's decision, not the transport's
            // (j2mod 3.3.0 reads 0 as "5 tries with a pause between them").
            t.setRetries(1);
            t.setReconnecting(false);
            t.setCheckingValidity(true);
            connection = c;
            transaction = t;
            log.debug("connected to {}", endpoint());
        } catch (Exception e) {
            if (hasCause(e, SocketTimeoutException.class)) {
                throw ModbusReadException.timeout("connecting to " + endpoint(), e);
            }
            throw ModbusReadException.io("connect to " + endpoint() + " failed: " + rootMessage(e), e);
        }
    }

    private void drop() {
        if (connection != null) {
            connection.close();
        }
        connection = null;
        transaction = null;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
            // j2mod rewraps SocketTimeoutException as a message without a cause.
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    private static String describe(ModbusResponse response) {
        return response.getClass().getSimpleName() + " (function " + response.getFunctionCode()
                + ", " + response.getDataLength() + " data bytes)";
    }

    @Override
    public String endpoint() {
        return (rtuFraming ? "rtu-over-tcp://" : "tcp://") + host + ":" + port;
    }

    @Override
    public void close() {
        drop();
    }
}
