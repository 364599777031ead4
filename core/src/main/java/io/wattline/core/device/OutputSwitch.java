package io.wattline.core.device;

/**
 * An output the application switches on and off, such as the relay of a beacon or horn on an I/O
 * module. A port: the collector implements it for Modbus coils and registers, so the alarm engine
 * switches it without knowing the protocol.
 */
public interface OutputSwitch extends AutoCloseable {

    /** Asks for the output to be on or off; returns at once (the write happens in the background, retried). */
    void set(boolean on);

    /** Where the output is, for logs and the API ({@code beacon coil 0 of unit 5 on gw-main}). */
    String describe();

    /** Stops writing; never throws. */
    @Override
    void close();
}
