package io.wattline.notify.modem;

import com.fazecast.jSerialComm.SerialPort;
import io.wattline.notify.sms.Gsm7;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GSM modem on the far end of a virtual serial line, speaking the AT command set of 3GPP TS 27.007
 * and 27.005 as real modems do (no GSM modem exists on the build machine): echo until {@code ATE0},
 * {@code AT+CMGF}, {@code AT+CSCS}, {@code AT+CPIN?}, {@code AT+CNMI}, {@code AT+CREG?},
 * {@code AT+CSQ}, {@code AT+CMGS} with the {@code > } prompt and Ctrl-Z, {@code +CMTI},
 * {@code AT+CMGR} and {@code AT+CMGD}. It reads the SMS-SUBMIT TPDUs it is sent with a decoder of
 * its own, and stores SMS-DELIVER PDUs it builds for incoming messages.
 */
final class ModemEmulator implements AutoCloseable {

    /** One SMS-SUBMIT as the emulator read it. */
    record Submitted(String to, int dataCoding, byte[] udh, String text, int mr) {
    }

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Pattern CMGS = Pattern.compile("AT\\+CMGS=(\\d+)");

    private final SerialPort port;
    private final InputStream in;
    private final OutputStream out;
    private final Thread thread;
    private final List<Submitted> submitted = new ArrayList<>();
    private final Map<Integer, String> storage = new TreeMap<>();
    private final List<String> commands = new ArrayList<>();
    private volatile boolean echo = true;
    private volatile int registration = 1;
    private volatile int mode = 1;
    private volatile String charset = "IRA";
    private int nextMr = 1;

    ModemEmulator(String device) throws IOException {
        port = SerialPort.getCommPort(device);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
        if (!port.openPort()) {
            throw new IOException("emulator cannot open " + device);
        }
        in = port.getInputStream();
        out = port.getOutputStream();
        thread = new Thread(this::serve, "modem-emulator");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code +CREG} stat: 1 registered (home), 5 roaming, 0 not registered. */
    void registration(int stat) {
        registration = stat;
    }

    synchronized List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    synchronized Map<Integer, String> storage() {
        return Map.copyOf(storage);
    }

    /** An SMS arrives from the network: stored as an SMS-DELIVER, announced with {@code +CMTI}. */
    void receive(String from, String text) throws IOException {
        byte[] septets = Gsm7.encode(text);
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        pdu.writeBytes(HEX.parseHex("07916831080000F0")); // SMSC +8613800000 (a made-up centre)
        pdu.write(0x04); // SMS-DELIVER, no more messages
        String digits = from.replace("+", "");
        pdu.write(digits.length());
        pdu.write(from.startsWith("+") ? 0x91 : 0x81);
        pdu.writeBytes(SmsPdu.semiOctets(digits));
        pdu.write(0x00);
        pdu.write(septets == null ? 0x08 : 0x00);
        pdu.writeBytes(HEX.parseHex("62203010000023")); // 2026-02-03 01:00:00 +08:00
        if (septets == null) {
            byte[] ucs2 = text.getBytes(StandardCharsets.UTF_16BE);
            pdu.write(ucs2.length);
            pdu.writeBytes(ucs2);
        } else {
            pdu.write(septets.length);
            pdu.writeBytes(Gsm7.pack(septets, 0));
        }
        int index;
        synchronized (this) {
            index = storage.isEmpty() ? 1 : ((TreeMap<Integer, String>) storage).lastKey() + 1;
            storage.put(index, HEX.formatHex(pdu.toByteArray()));
        }
        write("\r\n+CMTI: \"SM\"," + index + "\r\n");
    }

    private void serve() {
        StringBuilder line = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\r') {
                    String command = line.toString().trim();
                    line.setLength(0);
                    if (echo) {
                        write(command + "\r");
                    }
                    if (!command.isEmpty()) {
                        handle(command);
                    }
                } else if (b != '\n') {
                    line.append((char) b);
                }
            }
        } catch (IOException e) {
            // the line was closed: the emulator stops
        }
    }

    private void handle(String c) throws IOException {
        synchronized (this) {
            commands.add(c);
        }
        String u = c.toUpperCase();
        Matcher cmgs = CMGS.matcher(u);
        if (u.equals("AT") || u.equals("AT+CMEE=1") || u.startsWith("AT+CNMI=")) {
            ok("");
        } else if (u.equals("ATE0") || u.equals("ATE1")) {
            echo = u.equals("ATE1");
            ok("");
        } else if (u.startsWith("AT+CMGF=")) {
            mode = Integer.parseInt(u.substring(8));
            ok("");
        } else if (u.equals("AT+CMGF?")) {
            ok("+CMGF: " + mode);
        } else if (u.startsWith("AT+CSCS=")) {
            charset = c.substring(8).replace("\"", "");
            ok("");
        } else if (u.equals("AT+CSCS?")) {
            ok("+CSCS: \"" + charset + "\"");
        } else if (u.equals("AT+CPIN?")) {
            ok("+CPIN: READY");
        } else if (u.equals("AT+CREG?")) {
            ok("+CREG: 0," + registration);
        } else if (u.equals("AT+CSQ")) {
            ok(registration == 0 ? "+CSQ: 99,99" : "+CSQ: 21,99");
        } else if (cmgs.matches() && mode == 0) {
            submit(Integer.parseInt(cmgs.group(1)));
        } else if (u.startsWith("AT+CMGR=")) {
            String pdu = storage().get(Integer.parseInt(u.substring(8)));
            if (pdu == null) {
                write("\r\n+CMS ERROR: 321\r\n");
            } else {
                ok("+CMGR: 0,," + (pdu.length() / 2 - 8) + "\r\n" + pdu);
            }
        } else if (u.startsWith("AT+CMGD=")) {
            synchronized (this) {
                storage.remove(Integer.parseInt(u.substring(8).split(",")[0]));
            }
            ok("");
        } else {
            write("\r\nERROR\r\n");
        }
    }

    /** The prompt, then the PDU up to Ctrl-Z (ESC cancels), checked against the announced length. */
    private void submit(int length) throws IOException {
        write("\r\n> ");
        StringBuilder hex = new StringBuilder();
        int b;
        while ((b = in.read()) != 0x1A) {
            if (b == 0x1B || b < 0) {
                ok("");
                return;
            }
            if (b != '\r' && b != '\n') {
                hex.append((char) b);
            }
        }
        if (registration != 1 && registration != 5) {
            write("\r\n+CMS ERROR: 331\r\n"); // no network service
            return;
        }
        byte[] pdu = HEX.parseHex(hex.toString());
        int sca = pdu[0] & 0xFF;
        if (pdu.length - sca - 1 != length) {
            write("\r\n+CMS ERROR: 304\r\n"); // invalid PDU mode parameter
            return;
        }
        Submitted s = decodeSubmit(Arrays.copyOfRange(pdu, sca + 1, pdu.length));
        synchronized (this) {
            submitted.add(s);
        }
        ok("+CMGS: " + s.mr());
    }

    /** TS 23.040 §9.2.2.2 SMS-SUBMIT, read independently of the encoder under test. */
    private synchronized Submitted decodeSubmit(byte[] t) {
        int first = t[0] & 0xFF;
        int digits = t[2] & 0xFF;
        boolean international = (t[3] & 0xFF) == 0x91;
        StringBuilder to = new StringBuilder(international ? "+" : "");
        for (int k = 0; k < digits; k++) {
            int octet = t[4 + k / 2] & 0xFF;
            to.append(k % 2 == 0 ? octet & 0x0F : octet >> 4);
        }
        int i = 4 + (digits + 1) / 2 + 1; // after TP-PID
        int dcs = t[i++] & 0xFF;
        int vpf = (first >> 3) & 0x03;
        i += vpf == 0 ? 0 : vpf == 2 ? 1 : 7;
        int udl = t[i++] & 0xFF;
        byte[] ud = Arrays.copyOfRange(t, i, t.length);
        byte[] udh = (first & 0x40) != 0 ? Arrays.copyOfRange(ud, 0, (ud[0] & 0xFF) + 1) : new byte[0];
        String text;
        if (dcs == 0x08) {
            text = new String(ud, udh.length, udl - udh.length, StandardCharsets.UTF_16BE);
        } else {
            int headerSeptets = (udh.length * 8 + 6) / 7;
            int fill = headerSeptets * 7 - udh.length * 8;
            text = Gsm7.decode(Gsm7.unpack(Arrays.copyOfRange(ud, udh.length, ud.length), udl - headerSeptets, fill));
        }
        return new Submitted(to.toString(), dcs, udh, text, nextMr++ & 0xFF);
    }

    private void ok(String answer) throws IOException {
        write((answer.isEmpty() ? "" : "\r\n" + answer + "\r\n") + "\r\nOK\r\n");
    }

    private synchronized void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        port.closePort();
    }
}
