package io.wattline.simulator;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.wattline.profiles.RegisterFunction;

/**
 * j2mod adapter: a process image whose registers are computed on each read from a
 * {@link SimulatedDevice}. Reads outside the profile's readable ranges throw
 * {@link IllegalAddressException}, which j2mod answers with exception code 2 (ILLEGAL DATA
 * ADDRESS). Writes land on fresh register objects and change nothing: the devices are meters.
 */
final class ComputedProcessImage implements ProcessImage {

    private final SimulatedDevice device;

    ComputedProcessImage(SimulatedDevice device) {
        this.device = device;
    }

    private int[] words(RegisterFunction f, int ref, int count) {
        try {
            return device.registers(f, ref, count);
        } catch (RegisterImage.OutsideReadableRange e) {
            throw new IllegalAddressException(device.meterId() + " (unit " + device.unitId() + "): " + e.getMessage());
        }
    }

    private boolean[] flags(RegisterFunction f, int ref, int count) {
        try {
            return device.bits(f, ref, count);
        } catch (RegisterImage.OutsideReadableRange e) {
            throw new IllegalAddressException(device.meterId() + " (unit " + device.unitId() + "): " + e.getMessage());
        }
    }

    @Override
    public Register[] getRegisterRange(int offset, int count) {
        int[] w = words(RegisterFunction.HOLDING, offset, count);
        Register[] out = new Register[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = new SimpleRegister(w[i]);
        }
        return out;
    }

    @Override
    public Register getRegister(int ref) {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        return device.image().size(RegisterFunction.HOLDING);
    }

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        int[] w = words(RegisterFunction.INPUT, offset, count);
        InputRegister[] out = new InputRegister[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = new SimpleInputRegister(w[i]);
        }
        return out;
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        return getInputRegisterRange(ref, 1)[0];
    }

    @Override
    public int getInputRegisterCount() {
        return device.image().size(RegisterFunction.INPUT);
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int offset, int count) {
        boolean[] b = flags(RegisterFunction.COIL, offset, count);
        DigitalOut[] out = new DigitalOut[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = new SimpleDigitalOut(b[i]);
        }
        return out;
    }

    @Override
    public DigitalOut getDigitalOut(int ref) {
        return getDigitalOutRange(ref, 1)[0];
    }

    @Override
    public int getDigitalOutCount() {
        return device.image().size(RegisterFunction.COIL);
    }

    @Override
    public DigitalIn[] getDigitalInRange(int offset, int count) {
        boolean[] b = flags(RegisterFunction.DISCRETE, offset, count);
        DigitalIn[] out = new DigitalIn[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = new SimpleDigitalIn(b[i]);
        }
        return out;
    }

    @Override
    public DigitalIn getDigitalIn(int ref) {
        return getDigitalInRange(ref, 1)[0];
    }

    @Override
    public int getDigitalInCount() {
        return device.image().size(RegisterFunction.DISCRETE);
    }

    @Override
    public File getFile(int offset) {
        throw new IllegalAddressException("simulated meters have no file records");
    }

    @Override
    public File getFileByNumber(int ref) {
        throw new IllegalAddressException("simulated meters have no file records");
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int offset) {
        throw new IllegalAddressException("simulated meters have no FIFO queues");
    }

    @Override
    public FIFO getFIFOByAddress(int ref) {
        throw new IllegalAddressException("simulated meters have no FIFO queues");
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }
}
