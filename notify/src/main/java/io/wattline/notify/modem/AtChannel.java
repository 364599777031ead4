package io.wattline.notify.modem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * AT commands over a byte stream (3GPP TS 27.007 / 27.005): one command at a time, its answer read
 * up to the final result ({@code OK}, {@code ERROR}, {@code +CMS ERROR}, {@code +CME ERROR}), the
 * {@code > } prompt of {@code AT+CMGS}, and unsolicited result codes ({@code +CMTI}, {@code +CDS})
 * handed to a callback as they come.
 */
final class AtChannel implements AutoCloseable {

    static final String PROMPT = "> ";
    private static final List<String> UNSOLICITED = List.of("+CMTI:", "+CDS:", "+CDSI:", "RING");

    private final InputStream in;
    private final OutputStream out;
    private final Consumer<String> unsolicited;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean open = true;

    AtChannel(InputStream in, OutputStream out, Consumer<String> unsolicited, String name) {
        this.in = in;
        this.out = out;
        this.unsolicited = unsolicited;
        this.reader = new Thread(this::read, "at-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Splits the stream into lines; the prompt, which has no line end, counts as a line. */
    private void read() {
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[512];
        try {
            while (open) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                for (char c : chunk.toCharArray()) {
                    if (c == '\r' || c == '\n') {
                        emit(line);
                    } else {
                        line.append(c);
                        if (line.toString().equals(PROMPT)) {
                            emit(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            lines.add("ERROR: serial line closed (" + e.getMessage() + ")");
        }
    }

    private void emit(StringBuilder line) {
        String s = line.toString();
        line.setLength(0);
        if (s.isBlank() && !s.equals(PROMPT)) {
            return;
        }
        if (UNSOLICITED.stream().anyMatch(s::startsWith)) {
            unsolicited.accept(s);
        } else {
            lines.add(s);
        }
    }

    /** Sends a command and returns its answer lines, the final result last; throws on a timeout. */
    synchronized List<String> command(String command, Duration timeout) throws IOException, AtTimeoutException {
        lines.clear();
        write(command + "\r");
        return answer(command, timeout);
    }

    /** {@code AT+CMGS=<length>}, then the PDU and Ctrl-Z after the prompt. */
    synchronized List<String> sendPdu(int length, String hex, Duration timeout) throws IOException, AtTimeoutException {
        lines.clear();
        String command = "AT+CMGS=" + length;
        write(command + "\r");
        String first = next(timeout, command);
        while (first.equals(command)) { // an echo, if the modem still echoes
            first = next(timeout, command);
        }
        if (!first.equals(PROMPT)) {
            List<String> refused = new ArrayList<>(List.of(first));
            if (!isFinal(first)) {
                refused.addAll(answer(command, timeout));
            }
            return refused;
        }
        write(hex + "\u001a");
        return answer(command, timeout);
    }

    private List<String> answer(String command, Duration timeout) throws AtTimeoutException {
        List<String> answer = new ArrayList<>();
        while (true) {
            String line = next(timeout, command);
            if (line.equals(command)) {
                continue;
            }
            answer.add(line);
            if (isFinal(line)) {
                return answer;
            }
        }
    }

    private String next(Duration timeout, String command) throws AtTimeoutException {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AtTimeoutException("no answer to " + command + " within " + timeout.toMillis() + " ms");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtTimeoutException("interrupted waiting for the answer to " + command);
        }
    }

    static boolean isFinal(String line) {
        return line.equals("OK") || line.startsWith("ERROR") || line.startsWith("+CMS ERROR")
                || line.startsWith("+CME ERROR") || line.equals("NO CARRIER");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        open = false;
        reader.interrupt();
    }

    /** The modem did not answer in time. */
    static final class AtTimeoutException extends Exception {
        AtTimeoutException(String message) {
            super(message);
        }
    }
}
