package io.wattline.collector.modbus.link;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import io.wattline.collector.modbus.LateAnswer;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.profiles.RegisterFunction;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus master on one TCP gateway, through j2mod: Modbus TCP (MBAP framing) or raw RTU frames
 * over TCP (serial gateways in transparent mode). After any failure other than an exception
 * response the socket is dropped; the next request connects again. A socket dropped after a timeout
 * is watched a while longer on another thread: an answer that still arrives there is reported as a
 * {@link LateAnswer} (the next request has its own socket, so this costs the line nothing).
 */
public final class ModbusTcpLink extends J2modLink {

    private static final Logger log = LoggerFactory.getLogger(ModbusTcpLink.class);
    /** Sockets watched for a late answer at once, over all links; beyond that they are closed at once. */
    private static final int MAX_WATCHED = 64;
    private static final AtomicInteger WATCHED = new AtomicInteger();
    private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "modbus-late-answer");
        t.setDaemon(true);
        return t;
    });

    private final String host;
    private final int port;
    private final boolean rtuFraming;
    private TCPMasterConnection connection;
    private ModbusTCPTransaction transaction;
    private volatile Consumer<LateAnswer> lateAnswers;

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
    public void setLateAnswerListener(Consumer<LateAnswer> listener) {
        this.lateAnswers = listener;
    }

    /** How long a dropped socket is watched for the late answer: 10 timeouts, between 5 s and 60 s. */
    Duration lateWindow() {
        return Duration.ofMillis(Math.min(60_000, Math.max(5_000, 10L * timeoutMillis())));
    }

    @Override
    void abandonAfterTimeout(ModbusRequest request, int unitId, long startedNanos) {
        TCPMasterConnection old = connection;
        connection = null;
        transaction = null;
        Consumer<LateAnswer> listener = lateAnswers;
        if (old == null) {
            return;
        }
        if (listener == null || WATCHED.incrementAndGet() > MAX_WATCHED) {
            if (listener != null) {
                WATCHED.decrementAndGet();
            }
            old.close();
            return;
        }
        WATCHERS.execute(() -> {
            try {
                watch(old, request, unitId, startedNanos, listener);
            } finally {
                old.close();
                WATCHED.decrementAndGet();
            }
        });
    }

    /** Reads the abandoned socket until the answer comes, the peer closes it, or the window ends. */
    private void watch(TCPMasterConnection old, ModbusRequest request, int unitId, long startedNanos,
            Consumer<LateAnswer> listener) {
        long deadline = startedNanos + lateWindow().toNanos();
        while (System.nanoTime() - deadline < 0 && old.isConnected()) {
            try {
                old.getModbusTransport().readResponse();
                Duration after = Duration.ofNanos(System.nanoTime() - startedNanos);
                int[] span = span(request);
                listener.accept(new LateAnswer(unitId, function(request), span[0], span[1],
                        Duration.ofMillis(timeoutMillis()), after, endpoint()));
                return;
            } catch (ModbusIOException e) {
                if (!isTimeout(e)) {
                    return; // closed by the peer or garbage: no answer will come on this socket
                }
            } catch (RuntimeException e) {
                log.debug("watching {} for a late answer failed", endpoint(), e);
                return;
            }
        }
    }

    private static RegisterFunction function(ModbusRequest request) {
        return switch (request.getFunctionCode()) {
            case 1 -> RegisterFunction.COIL;
            case 2 -> RegisterFunction.DISCRETE;
            case 4 -> RegisterFunction.INPUT;
            default -> RegisterFunction.HOLDING;
        };
    }

    /** Start and count of a read request (0, 0 for a write). */
    private static int[] span(ModbusRequest request) {
        if (request instanceof ReadMultipleRegistersRequest r) {
            return new int[] {r.getReference(), r.getWordCount()};
        }
        if (request instanceof ReadInputRegistersRequest r) {
            return new int[] {r.getReference(), r.getWordCount()};
        }
        if (request instanceof ReadCoilsRequest r) {
            return new int[] {r.getReference(), r.getBitCount()};
        }
        if (request instanceof ReadInputDiscretesRequest r) {
            return new int[] {r.getReference(), r.getBitCount()};
        }
        return new int[] {0, 0};
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
