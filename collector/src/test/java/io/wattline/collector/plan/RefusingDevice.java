package io.wattline.collector.plan;

import io.wattline.collector.modbus.ModbusReadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A device in memory that refuses what real meters refuse: any read touching one of its
 * {@code refused} registers answers exception 02, a read longer than {@code maxCount} exception 03,
 * and {@code silent} makes it stop answering (timeout). Every other read returns the register
 * numbers as values, so a test can tell which registers a value came from.
 */
final class RefusingDevice implements RequestHealer.Reader {

    final Set<Integer> refused;
    final int maxCount;
    final List<String> asked = new ArrayList<>();
    boolean silent;

    RefusingDevice(Set<Integer> refused, int maxCount) {
        this.refused = refused;
        this.maxCount = maxCount;
    }

    @Override
    public int[] read(ReadRequest request) throws ModbusReadException {
        asked.add(request.start() + "+" + request.count());
        if (silent) {
            throw ModbusReadException.timeout("test device is silent", null);
        }
        if (request.count() > maxCount) {
            throw ModbusReadException.exceptionCode(3);
        }
        int[] values = new int[request.count()];
        for (int i = 0; i < values.length; i++) {
            if (refused.contains(request.start() + i)) {
                throw ModbusReadException.exceptionCode(2);
            }
            values[i] = request.start() + i;
        }
        return values;
    }
}
