package io.wattline.analytics.kpi;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a text one line at a time holding at most {@code maxChars} of a line: the rest of a longer
 * line is read past without keeping it ({@link #tooLong()} then says so), so a file with a huge
 * line cannot exhaust the heap.
 */
final class BoundedLines {

    private final Reader in;
    private final int maxChars;
    private final StringBuilder line = new StringBuilder();
    private boolean tooLong;
    private long number;
    private boolean ended;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator (cut when too long), or null at the end. */
    String next() throws IOException {
        if (ended) {
            return null;
        }
        line.setLength(0);
        tooLong = false;
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                number++;
                return strip();
            }
            if (line.length() < maxChars) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        ended = true;
        if (!any) {
            return null;
        }
        number++;
        return strip();
    }

    private String strip() {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    /** Whether the line last returned was longer than the limit (and was cut). */
    boolean tooLong() {
        return tooLong;
    }

    /** 1-based number of the line last returned. */
    long number() {
        return number;
    }
}
