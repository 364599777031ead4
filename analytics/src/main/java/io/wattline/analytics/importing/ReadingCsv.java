package io.wattline.analytics.importing;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The readings file as rows, streamed: RFC 4180 through Apache Commons CSV (quoted fields, embedded
 * separators and quotes), a UTF-8 byte-order mark dropped, blank lines and {@code #} comment lines
 * skipped, an optional {@code meter,point,time,value} header. The only class that sees the CSV library.
 */
final class ReadingCsv implements Iterator<ReadingCsv.Row>, AutoCloseable {

    /** One data row: the line it ends on (1 = the file's first line) and its fields, trimmed. */
    record Row(long line, List<String> fields) {
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setCommentMarker('#')
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private Row next;
    private boolean first = true;

    ReadingCsv(Reader in) throws IOException {
        this.parser = CSVParser.builder().setReader(withoutByteOrderMark(in)).setFormat(FORMAT).get();
        this.records = parser.iterator();
    }

    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader pushback = new PushbackReader(in, 1);
        int c = pushback.read();
        if (c != -1 && c != '\uFEFF') {
            pushback.unread(c);
        }
        return pushback;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                List<String> fields = record.toList();
                boolean header = first && String.join(",", fields).toLowerCase(Locale.ROOT).replace(" ", "")
                        .equals("meter,point,time,value");
                first = false;
                if (!header) {
                    next = new Row(parser.getCurrentLineNumber(), fields);
                    return true;
                }
            }
            return false;
        } catch (UncheckedIOException e) {
            throw new MalformedCsvException("line " + (parser.getCurrentLineNumber() + 1) + ": "
                    + rootMessage(e), e);
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The file cannot be read on as CSV (an unterminated quoted field): where and why. */
    static final class MalformedCsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedCsvException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
