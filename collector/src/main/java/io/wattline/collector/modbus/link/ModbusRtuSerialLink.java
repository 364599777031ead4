package io.wattline.collector.modbus.link;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import io.wattline.collector.modbus.ModbusReadException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus RTU master on one RS-485 bus (a serial device), through j2mod over jSerialComm. j2mod
 * keeps the 3.5-character silence before each frame; {@code interFrameDelay} adds a fixed pause
 * between transactions for slaves that need more. After any failure other than an exception
 * response the port is closed and reopened on the next request, which discards a late answer.
 */
public final class ModbusRtuSerialLink extends J2modLink {

    private static final Logger log = LoggerFactory.getLogger(ModbusRtuSerialLink.class);

    private final String device;
    private final int baudRate;
    private final char parity;
    private final int stopBits;
    private final Duration interFrameDelay;
    private SerialConnection connection;
    private ModbusSerialTransaction transaction;

    /**
     * @param parity          {@code N}, {@code E} or {@code O} (null means {@code N})
     * @param stopBits        1 or 2 (0 means 1)
     * @param interFrameDelay extra silence between transactions on top of the 3.5 characters
     */
    public ModbusRtuSerialLink(String device, int baudRate, String parity, int stopBits, Duration timeout,
            Duration interFrameDelay) {
        super((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        this.device = Objects.requireNonNull(device, "device");
        if (baudRate < 300 || baudRate > 921_600) {
            throw new IllegalArgumentException("serial " + device + ": baud rate " + baudRate + " outside 300..921600");
        }
        this.baudRate = baudRate;
        String p = parity == null ? "N" : parity.trim().toUpperCase(Locale.ROOT);
        if (!p.equals("N") && !p.equals("E") && !p.equals("O")) {
            throw new IllegalArgumentException("serial " + device + ": parity '" + parity + "', expected N, E or O");
        }
        this.parity = p.charAt(0);
        int stop = stopBits == 0 ? 1 : stopBits;
        if (stop != 1 && stop != 2) {
            throw new IllegalArgumentException("serial " + device + ": stop bits " + stopBits + ", expected 1 or 2");
        }
        this.stopBits = stop;
        this.interFrameDelay = interFrameDelay == null ? Duration.ZERO : interFrameDelay;
    }

    @Override
    ModbusTransaction transaction() throws ModbusReadException {
        if (connection != null && connection.isOpen()) {
            return transaction;
        }
        drop();
        SerialParameters parameters = new SerialParameters();
        parameters.setPortName(device);
        parameters.setBaudRate(baudRate);
        parameters.setDatabits(8);
        parameters.setStopbits(stopBits == 2 ? AbstractSerialConnection.TWO_STOP_BITS : AbstractSerialConnection.ONE_STOP_BIT);
        parameters.setParity(switch (parity) {
            case 'E' -> AbstractSerialConnection.EVEN_PARITY;
            case 'O' -> AbstractSerialConnection.ODD_PARITY;
            default -> AbstractSerialConnection.NO_PARITY;
        });
        parameters.setFlowControlIn(AbstractSerialConnection.FLOW_CONTROL_DISABLED);
        parameters.setFlowControlOut(AbstractSerialConnection.FLOW_CONTROL_DISABLED);
        parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        parameters.setEcho(false);
        SerialConnection c = new SerialConnection(parameters);
        try {
            c.open();
        } catch (Exception e) {
            c.close();
            throw ModbusReadException.io("open " + endpoint() + " failed: " + rootMessage(e), e);
        }
        c.setTimeout(timeoutMillis());
        ModbusSerialTransaction t = new ModbusSerialTransaction(c);
        // One attempt per request: retries are the scheduler's decision (see ModbusTcpLink).
        t.setRetries(1);
        t.setCheckingValidity(true);
        t.setTransDelayMS((int) Math.min(Integer.MAX_VALUE, interFrameDelay.toMillis()));
        connection = c;
        transaction = t;
        log.debug("opened {}", endpoint());
        return t;
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
        return "rtu://" + device + "@" + baudRate + "-8" + parity + stopBits;
    }
}
