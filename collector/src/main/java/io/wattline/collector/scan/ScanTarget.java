package io.wattline.collector.scan;

import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a bus scan goes, written as the collector writes endpoints: {@code tcp://HOST:PORT} (a Modbus
 * TCP gateway), {@code rtu-over-tcp://HOST:PORT} (a serial gateway in transparent mode) or
 * {@code rtu:///dev/ttyUSB0@9600-8N1} (an RS-485 line: baud rate, data bits, parity N/E/O, stop bits).
 */
public final class ScanTarget {

    private static final Pattern TCP = Pattern.compile("(tcp|rtu-over-tcp)://([^:/]+)(?::(\\d{1,5}))?/?");
    private static final Pattern RTU = Pattern.compile("rtu://(/[^@]+)(?:@(\\d+)(?:-8([NEO])([12]))?)?");

    private ScanTarget() {
    }

    /**
     * The connection a URL names, with the given response timeout.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public static Connection parse(String url, String connectionId, Duration timeout) {
        Matcher tcp = TCP.matcher(url);
        if (tcp.matches()) {
            int port = tcp.group(3) == null ? 502 : Integer.parseInt(tcp.group(3));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " outside 1..65535 in " + url);
            }
            ConnectionType type = tcp.group(1).equals("tcp") ? ConnectionType.MODBUS_TCP
                    : ConnectionType.MODBUS_RTU_OVER_TCP;
            return new Connection(connectionId, type, tcp.group(2), port, null, 0, null, 0, timeout, 1);
        }
        Matcher rtu = RTU.matcher(url);
        if (rtu.matches()) {
            int baud = rtu.group(2) == null ? 9600 : Integer.parseInt(rtu.group(2));
            String parity = rtu.group(3) == null ? "N" : rtu.group(3).toUpperCase(Locale.ROOT);
            int stopBits = rtu.group(4) == null ? 1 : Integer.parseInt(rtu.group(4));
            return new Connection(connectionId, ConnectionType.MODBUS_RTU, null, 0, rtu.group(1), baud, parity, stopBits,
                    timeout, 1);
        }
        throw new IllegalArgumentException("cannot read '" + url + "': expected tcp://HOST:PORT,"
                + " rtu-over-tcp://HOST:PORT or rtu:///dev/ttyUSB0@9600-8N1");
    }
}
