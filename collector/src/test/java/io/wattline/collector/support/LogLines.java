package io.wattline.collector.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The log lines written while it is open (slf4j-simple writes to {@code System.err}, looked up at
 * each line), still passed through to the console: lets a test count what an operator would read.
 */
public final class LogLines implements AutoCloseable {

    private final PrintStream original = System.err;
    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LogLines() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                collect(b);
            }
        }, true, StandardCharsets.UTF_8));
    }

    private synchronized void collect(int b) {
        if (b == '\n') {
            lines.add(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        } else {
            pending.write(b);
        }
    }

    /** The complete lines so far that match. */
    public synchronized List<String> matching(Predicate<String> filter) {
        return lines.stream().filter(filter).toList();
    }

    /** WARN lines of {@code logger} (a class's simple name) that contain {@code text}. */
    public List<String> warnings(String logger, String text) {
        return matching(l -> l.contains(" WARN ") && l.contains(logger) && l.contains(text));
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
