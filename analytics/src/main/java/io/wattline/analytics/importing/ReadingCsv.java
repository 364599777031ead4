package io.wattline.analytics.importing;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The readings file as rows, streamed: RFC 4180 through FastCSV (quoted fields, embedded separators
 * and quotes; ADR 0017), a UTF-8 byte-order mark dropped, blank lines and {@code #} comment lines
 * skipped, spaces around fields (quoted or not) dropped, an optional {@code meter,point,time,value}
 * header. The only class that sees the CSV library.
 *
 * <p>No field of a readings file spans lines. A quoted field that does is a stray quote: FastCSV reads
 * an unterminated quote to the end of the file as one field, so a row that takes in the rest of the file
 * stops the import ({@link MalformedCsvException}, naming the line the quote opens on), and a row that
 * spans lines but ends before the file does is handed on with its fields as they are (the row checks
 * refuse it, naming its first line).
 */
final class ReadingCsv implements Iterator<ReadingCsv.Row>, AutoCloseable {

    /** One data row: the line it starts on (1 = the file's first line) and its fields, trimmed. */
    record Row(long line, List<String> fields) {
    }

    /**
     * Longest field read, in characters: a row of a readings file is under a hundred; a quote opened by
     * mistake in a large file is reported once this much is read into it, not after the whole file.
     */
    static final int MAX_FIELD_CHARS = 1 << 20;

    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private Row next;
    private boolean first = true;

    ReadingCsv(Reader in) throws IOException {
        this.reader = CsvReader.builder().commentStrategy(CommentStrategy.SKIP).commentCharacter('#')
                .skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true)
                .trimWhitespacesAroundQuotes(true).maxBufferSize(MAX_FIELD_CHARS)
                .ofCsvRecord(withoutByteOrderMark(in));
        this.records = reader.iterator();
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
                CsvRecord record = records.next();
                List<String> fields = new ArrayList<>(record.getFieldCount());
                boolean spansLines = false;
                for (int i = 0; i < record.getFieldCount(); i++) {
                    String field = record.getField(i);
                    spansLines |= field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
                    fields.add(field.strip());
                }
                if (spansLines && !records.hasNext()) {
                    throw new MalformedCsvException("line " + record.getStartingLineNumber() + ": a quoted field that "
                            + "opens on this line runs to the end of the file (an unterminated quote)", null);
                }
                boolean header = first && String.join(",", fields).toLowerCase(Locale.ROOT).replace(" ", "")
                        .equals("meter,point,time,value");
                first = false;
                if (!header) {
                    next = new Row(record.getStartingLineNumber(), fields);
                    return true;
                }
            }
            return false;
        } catch (CsvParseException e) {
            throw new MalformedCsvException(describe(e), e);
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
        reader.close();
    }

    /** Where FastCSV stopped (the line the row starts on) and why, as "line N: why". */
    private static String describe(CsvParseException e) {
        String where = String.valueOf(e.getMessage());
        String started = "Exception when reading record that started in line ";
        if (where.startsWith(started)) {
            where = "line " + where.substring(started.length());
        } else if (where.startsWith("Exception when reading first record")) {
            where = "the first row";
        }
        String why = rootMessage(e);
        return why == null || why.equals(e.getMessage()) ? where : where + ": " + why;
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
