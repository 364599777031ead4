package io.wattline.collector.modbus;

import io.wattline.profiles.RegisterFunction;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Modbus master on one connection (a TCP gateway, an RS-485 bus, a serial gateway). Not
 * thread-safe: one poller lane owns it and issues one request at a time. Implementations reconnect
 * by themselves after a failure, so the next request after an error tries again.
 */
public interface ModbusLink extends AutoCloseable {

    /** Reads {@code count} holding (FC 3) or input (FC 4) registers; each element is 0..65535. */
    int[] readRegisters(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException;

    /** Reads {@code count} coils (FC 1) or discrete inputs (FC 2); each element is 0 or 1. */
    int[] readBits(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException;

    /** Reads registers or bits, whichever table {@code function} names. */
    default int[] read(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException {
        return function.isBit()
                ? readBits(unitId, function, start, count)
                : readRegisters(unitId, function, start, count);
    }

    /** Writes one coil (FC 5); returns when the device has echoed it. */
    void writeCoil(int unitId, int address, boolean value) throws ModbusReadException;

    /** Writes one holding register (FC 6), {@code value} 0..65535. */
    void writeRegister(int unitId, int address, int value) throws ModbusReadException;

    /** Writes consecutive holding registers (FC 16), each 0..65535, at most 123 of them. */
    void writeRegisters(int unitId, int start, int[] values) throws ModbusReadException;

    /** How long a request waits for its answer, when the link has such a limit (for error reasons). */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }

    /**
     * Tells {@code listener} of answers that arrive after their request timed out, where the link can
     * see them (on another thread); links that cannot (a serial line drops a late answer) ignore it.
     */
    default void setLateAnswerListener(Consumer<LateAnswer> listener) {
    }

    /** Where this link goes, for logs: {@code tcp://host:port}, {@code rtu:///dev/ttyUSB0@9600-8N1}. */
    String endpoint();

    /** Closes the connection; never throws. */
    @Override
    void close();
}
