package io.wattline.simulator;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two ptys joined by socat: a serial line in software. Java cannot allocate a pty itself (no
 * posix_openpt without native code), so socat does, with both ends raw and without echo. The
 * {@code master} end is for the Modbus master; this class opens the {@code bus} end.
 */
final class SocatPtyPair implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SocatPtyPair.class);
    private static final long START_TIMEOUT_MILLIS = 5000;

    private final String name;
    private final Process socat;
    private final Path directory;
    private final boolean ownDirectory;
    private final Path masterLink;
    private final Path busLink;
    private final Path masterDevice;
    private final FileInputStream busIn;
    private final FileOutputStream busOut;
    /** Ends socat if the JVM exits without closing the bus, so no orphan keeps the pty. */
    private final Thread exitHook;

    private SocatPtyPair(String name, Process socat, Path directory, boolean ownDirectory, Path masterLink,
            Path busLink, Path masterDevice, FileInputStream busIn, FileOutputStream busOut) {
        this.name = name;
        this.socat = socat;
        this.directory = directory;
        this.ownDirectory = ownDirectory;
        this.masterLink = masterLink;
        this.busLink = busLink;
        this.masterDevice = masterDevice;
        this.busIn = busIn;
        this.busOut = busOut;
        this.exitHook = new Thread(socat::destroy, "rs485-" + name + "-socat-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** True when a {@code socat} executable is on the PATH. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts socat with the links {@code master} and {@code bus} in {@code directory} (null: a new
     * temporary directory) and opens the bus end.
     */
    static SocatPtyPair open(String name, Path directory) {
        if (!available()) {
            throw new IllegalStateException(name + ": socat is not installed (apt-get install -y socat);"
                    + " the RS-485 emulator needs it for its virtual serial line");
        }
        boolean own = directory == null;
        Path dir;
        try {
            dir = (own ? Files.createTempDirectory("wattline-rs485-") : Files.createDirectories(directory)).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot create the pty directory " + directory, e);
        }
        if (dir.toString().matches(".*[,:!\"'\\\\\\s{}\\[\\]].*")) {
            throw new IllegalArgumentException(name + ": pty directory '" + dir
                    + "' has characters socat's address syntax cannot take (, : ! quotes blanks brackets)");
        }
        Path masterLink = dir.resolve("master");
        Path busLink = dir.resolve("bus");
        Process socat = null;
        FileInputStream in = null;
        try {
            socat = startSocat(name, masterLink, busLink);
            Path masterDevice = masterLink.toRealPath();
            in = new FileInputStream(busLink.toFile());
            FileOutputStream out = new FileOutputStream(busLink.toFile());
            return new SocatPtyPair(name, socat, dir, own, masterLink, busLink, masterDevice, in, out);
        } catch (IOException | RuntimeException e) {
            if (socat != null) {
                socat.destroy();
            }
            if (in != null) {
                try {
                    in.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (own) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException removing) {
                    e.addSuppressed(removing);
                }
            }
            throw e instanceof IOException io ? new UncheckedIOException(name + ": cannot open the pty " + busLink, io)
                    : (RuntimeException) e;
        }
    }

    private static Process startSocat(String name, Path masterLink, Path busLink) {
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + masterLink, "pty,raw,echo=0,link=" + busLink).redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot run socat", e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread drain = new Thread(() -> {
            // socat -d -d reports its ptys and then that it relays; later lines are diagnostics
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    LOG.debug("socat {}: {}", name, line);
                    if (line.contains("starting data transfer loop")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                LOG.debug("socat {}: output closed: {}", name, e.toString());
            }
        }, "rs485-" + name + "-socat");
        drain.setDaemon(true);
        drain.start();
        try {
            if (!ready.await(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException(name + ": socat did not set up its ptys within "
                        + START_TIMEOUT_MILLIS + " ms; it said: " + String.join(" | ", output));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while socat started", e);
        }
        return process;
    }

    /** The real pty device of the master end, e.g. {@code /dev/pts/3}. */
    Path masterDevice() {
        return masterDevice;
    }

    Path masterLink() {
        return masterLink;
    }

    /** Bytes the master wrote. */
    InputStream busIn() {
        return busIn;
    }

    /** Bytes for the master. */
    OutputStream busOut() {
        return busOut;
    }

    /** Stops socat (which ends a blocked read on the bus end), closes the bus end, removes the links. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            LOG.debug("{}: closing during JVM shutdown", name);
        }
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Closeable c : List.of(busOut, busIn)) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("{}: closing the bus pty: {}", name, e.toString());
            }
        }
        try {
            Files.deleteIfExists(masterLink);
            Files.deleteIfExists(busLink);
            if (ownDirectory) {
                Files.deleteIfExists(directory);
            }
        } catch (IOException e) {
            LOG.warn("{}: could not remove the pty links in {}: {}", name, directory, e.toString());
        }
    }
}
