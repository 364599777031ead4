package io.wattline.collector.modbus;

import io.wattline.profiles.RegisterFunction;

/**
 * A Modbus master on one connection (a TCP gateway today, an RS-485 bus later). Not thread-safe:
 * one poller owns it and issues one request at a time. Implementations reconnect by themselves
 * after a failure, so the next read after an error tries again.
 */
public interface ModbusLink extends AutoCloseable {

    /** Reads {@code count} holding or input registers; each element is a 16-bit value 0..65535. */
    int[] readRegisters(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException;

    /** Reads {@code count} coils or discrete inputs; each element is 0 or 1. */
    int[] readBits(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException;

    /** Reads registers or bits, whichever table {@code function} names. */
    default int[] read(int unitId, RegisterFunction function, int start, int count) throws ModbusReadException {
        return function.isBit()
                ? readBits(unitId, function, start, count)
                : readRegisters(unitId, function, start, count);
    }

    /** Where this link goes, for logs: {@code tcp://host:port}. */
    String endpoint();

    /** Closes the connection; never throws. */
    @Override
    void close();
}
