package io.wattline.alarms.journal;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm journal as an append-only file of JSON lines ({@code <data>/alarms/journal.jsonl}). Each
 * entry is one write of one whole line; {@link #flush()} syncs a batch to disk. A process killed in
 * the middle of a write leaves at most a torn last line, which is cut off (and logged) when the file
 * is opened again, so the file never holds half an entry.
 */
public final class FileAlarmJournal implements AlarmJournal {

    private static final Logger LOG = LoggerFactory.getLogger(FileAlarmJournal.class);
    public static final String FILE_NAME = "journal.jsonl";

    private final Path file;
    private final FileChannel channel;
    /** Bytes of whole lines written: readers read no further, so they never see a line being written. */
    private long committedSize;
    /** True when something was appended since the last sync. */
    private boolean unsynced;

    private FileAlarmJournal(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.committedSize = size;
    }

    /** Opens (creating) the journal in {@code directory}, cutting off a torn last line. */
    public static FileAlarmJournal open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long whole = wholeLinesSize(channel);
            if (whole < channel.size()) {
                LOG.warn("alarm journal {}: cut off a torn last entry of {} bytes (the process stopped while"
                        + " writing it)", file, channel.size() - whole);
                channel.truncate(whole);
                channel.force(true);
            }
            channel.position(whole);
            return new FileAlarmJournal(file, channel, whole);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the alarm journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The size up to and including the last newline. */
    private static long wholeLinesSize(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long pos = size - 1; pos >= 0; pos--) {
            one.clear();
            channel.read(one, pos);
            if (one.get(0) == '\n') {
                return pos + 1;
            }
        }
        return 0;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(JournalEntry entry) {
        ByteBuffer line = ByteBuffer.wrap((JournalCodec.encode(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            committedSize = channel.position();
            unsynced = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the alarm journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Syncs what was appended since the last sync; nothing to do (no disk access) when nothing was. */
    @Override
    public synchronized void flush() {
        if (!unsynced) {
            return;
        }
        try {
            channel.force(false);
            unsynced = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the alarm journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<JournalEntry> query(JournalQuery query) {
        List<JournalEntry> out = new ArrayList<>();
        read(query::matches, query.limit(), out);
        return out;
    }

    @Override
    public List<JournalEntry> all() {
        List<JournalEntry> out = new ArrayList<>();
        read(e -> true, Integer.MAX_VALUE, out);
        return out;
    }

    private void read(Predicate<JournalEntry> wanted, int limit, List<JournalEntry> out) {
        long size;
        synchronized (this) {
            size = committedSize;
        }
        try (InputStream in = new Bounded(Files.newInputStream(file), size);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null && out.size() < limit) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JournalEntry e;
                try {
                    e = JournalCodec.decode(line);
                } catch (IllegalArgumentException bad) {
                    LOG.warn("alarm journal {}:{}: skipped an unreadable entry: {}", file, number, bad.getMessage());
                    continue;
                }
                if (wanted.test(e)) {
                    out.add(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the alarm journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            LOG.warn("alarm journal {} did not close cleanly: {}", file, e.toString());
        }
    }

    /** Reads no further than {@code limit} bytes. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
