package io.wattline.collector.modbus.link;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
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
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteCoilResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterResponse;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.wattline.collector.modbus.ModbusLink;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.profiles.RegisterFunction;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What every j2mod link shares: building requests for FC 1-6 and 16, checking that the response
 * fits the request, and turning j2mod's exceptions into {@link ModbusReadException} kinds. After any
 * failure other than an exception response the transport is dropped, so a late answer to a
 * timed-out request can never be taken for the answer to the next one.
 */
abstract class J2modLink implements ModbusLink {

    /** FC 16 carries at most 123 registers (PDU limit). */
    static final int MAX_WRITE_REGISTERS = 123;

    private final int timeoutMillis;

    J2modLink(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** A transaction on an open transport, opening it first if needed. */
    abstract ModbusTransaction transaction() throws ModbusReadException;

    /** Closes the transport; the next {@link #transaction()} opens it again. */
    abstract void drop();

    /**
     * After a timeout: lets go of the transport so the next request opens a new one. By default it
     * is closed at once; a link that can watch the old transport for the late answer does so.
     *
     * @param startedNanos when the request was sent ({@link System#nanoTime()})
     */
    void abandonAfterTimeout(ModbusRequest request, int unitId, long startedNanos) {
        drop();
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.of(Duration.ofMillis(timeoutMillis));
    }

    final int timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public final int[] readRegisters(int unitId, RegisterFunction function, int start, int count)
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
            throw mismatch("asked " + function + " " + start + "+" + count, response);
        }
        return values;
    }

    @Override
    public final int[] readBits(int unitId, RegisterFunction function, int start, int count)
            throws ModbusReadException {
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
            throw mismatch("asked " + function + " " + start + "+" + count, response);
        }
        return bits;
    }

    @Override
    public final void writeCoil(int unitId, int address, boolean value) throws ModbusReadException {
        ModbusResponse response = execute(unitId, new WriteCoilRequest(address, value));
        if (!(response instanceof WriteCoilResponse r) || r.getReference() != address || r.getCoil() != value) {
            throw mismatch("wrote coil " + address + "=" + value, response);
        }
    }

    @Override
    public final void writeRegister(int unitId, int address, int value) throws ModbusReadException {
        checkWord(value);
        ModbusResponse response = execute(unitId, new WriteSingleRegisterRequest(address, new SimpleRegister(value)));
        if (!(response instanceof WriteSingleRegisterResponse r) || r.getReference() != address
                || (r.getRegisterValue() & 0xFFFF) != value) {
            throw mismatch("wrote register " + address + "=" + value, response);
        }
    }

    @Override
    public final void writeRegisters(int unitId, int start, int[] values) throws ModbusReadException {
        if (values.length < 1 || values.length > MAX_WRITE_REGISTERS) {
            throw new IllegalArgumentException("FC 16 writes 1.." + MAX_WRITE_REGISTERS + " registers, not "
                    + values.length);
        }
        Register[] registers = new Register[values.length];
        for (int i = 0; i < values.length; i++) {
            checkWord(values[i]);
            registers[i] = new SimpleRegister(values[i]);
        }
        ModbusResponse response = execute(unitId, new WriteMultipleRegistersRequest(start, registers));
        if (!(response instanceof WriteMultipleRegistersResponse r) || r.getReference() != start
                || r.getWordCount() != values.length) {
            throw mismatch("wrote registers " + start + "+" + values.length, response);
        }
    }

    private static void checkWord(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("register value " + value + " outside 0..65535");
        }
    }

    private ModbusReadException mismatch(String asked, ModbusResponse response) {
        drop();
        return ModbusReadException.badResponse(asked + ", got " + describe(response));
    }

    private ModbusResponse execute(int unitId, ModbusRequest request) throws ModbusReadException {
        ModbusTransaction transaction = transaction();
        request.setUnitID(unitId);
        transaction.setRequest(request);
        long started = System.nanoTime();
        try {
            transaction.execute();
        } catch (ModbusSlaveException e) {
            // An exception response is a complete, well-formed answer: the transport stays usable.
            throw ModbusReadException.exceptionCode(e.getType());
        } catch (ModbusIOException e) {
            String message = rootMessage(e);
            if (message.toLowerCase(Locale.ROOT).contains("crc")) {
                drop();
                throw ModbusReadException.badResponse("crc error from unit " + unitId + " at " + endpoint());
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            if (isTimeout(e) || elapsedMillis >= timeoutMillis) {
                abandonAfterTimeout(request, unitId, started);
                throw ModbusReadException.timeout("no response from unit " + unitId + " at " + endpoint()
                        + " within " + timeoutMillis + " ms", e);
            }
            drop();
            throw ModbusReadException.io(message, e);
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

    static boolean isTimeout(Throwable e) {
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

    static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        Throwable root = e;
        while (true) {
            if (root.getMessage() != null && all.indexOf(root.getMessage()) < 0) {
                if (all.length() > 0) {
                    all.append(": ");
                }
                all.append(root.getMessage());
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        // The innermost message names the cause; keep the whole chain only when it says more.
        String m = root.getMessage();
        if (m == null) {
            return all.length() > 0 ? all.toString() : root.getClass().getSimpleName();
        }
        return all.toString().toLowerCase(Locale.ROOT).contains("crc") ? all.toString() : m;
    }

    private static String describe(ModbusResponse response) {
        return response.getClass().getSimpleName() + " (function " + response.getFunctionCode()
                + ", " + response.getDataLength() + " data bytes)";
    }

    @Override
    public void close() {
        drop();
    }
}
