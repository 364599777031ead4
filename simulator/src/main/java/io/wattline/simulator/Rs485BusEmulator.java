package io.wattline.simulator;

import io.wattline.profiles.codec.ModbusFrames;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual RS-485 multi-drop bus with Modbus RTU slaves that keeps real wire timing. socat joins
 * two ptys: the master end ({@link #masterDevice()}) is opened by the collector, mbpoll or pymodbus
 * like a serial port; the emulator reads and writes the other end. ptys pass bytes instantly, so
 * the emulator charges the wire itself (see {@link BusTimeline}): a request takes its characters
 * from when it arrived (not before the previous frame and t3.5 ended), the addressed slave answers
 * t3.5 + its turnaround after the request's end, and the response is written in chunks of about a
 * millisecond, each at the instant its last character would have arrived (never earlier), so a
 * master's measured time is at least the true wire time and close to it.
 *
 * <p>Requests with a bad CRC, for an absent unit id, for a {@link SlaveBehaviour.Dead dead} slave or
 * broadcast (unit 0) get no answer. A response that would start after the master has begun its
 * next request (it gave up waiting) is dropped, as it would collide on a real bus.
 */
public final class Rs485BusEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Rs485BusEmulator.class);
    /** Default slave turnaround: request end + t3.5 to the first response character, on top of t3.5. */
    public static final Duration DEFAULT_TURNAROUND = Duration.ofMillis(5);
    private static final long CHUNK_NANOS = 1_000_000;
    /** Real-time quiet that ends a frame whose length the function code does not tell (pty time, not wire time). */
    private static final long MIN_PARTIAL_SILENCE_NANOS = 2_000_000;
    private static final Duration SOCAT_START_TIMEOUT = Duration.ofSeconds(5);
    private static final Chunk END = new Chunk(new byte[0], 0);

    /**
     * How the bus is built.
     *
     * @param name       for logs and thread names (e.g. the connection id)
     * @param timing     baud rate and bits per character
     * @param turnaround default slave turnaround (per slave: {@link #setTurnaround})
     * @param seed       seeds the garbling choices, so a failing run can be repeated
     * @param directory  where the pty links {@code master} and {@code bus} go; null: a new temporary directory
     */
    public record Settings(String name, BusTiming timing, Duration turnaround, long seed, Path directory) {

        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(timing, "timing");
            if (turnaround == null || turnaround.isNegative()) {
                throw new IllegalArgumentException("turnaround must be zero or positive, got " + turnaround);
            }
        }

        /** Modbus RTU timing at {@code baudRate}, default turnaround, seed 1, temporary directory. */
        public static Settings of(int baudRate) {
            return new Settings("rs485", BusTiming.modbus(baudRate), DEFAULT_TURNAROUND, 1, null);
        }

        public Settings withName(String newName) {
            return new Settings(newName, timing, turnaround, seed, directory);
        }

        public Settings withTiming(BusTiming newTiming) {
            return new Settings(name, newTiming, turnaround, seed, directory);
        }

        public Settings withTurnaround(Duration newTurnaround) {
            return new Settings(name, timing, newTurnaround, seed, directory);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(name, timing, turnaround, newSeed, directory);
        }

        public Settings withDirectory(Path newDirectory) {
            return new Settings(name, timing, turnaround, seed, newDirectory);
        }
    }

    private record Chunk(byte[] bytes, long arrivalNanos) {
    }

    private static final class Slot {
        final SimulatedDevice device;
        volatile SlaveBehaviour behaviour = SlaveBehaviour.normal();
        volatile Duration turnaround;

        Slot(SimulatedDevice device, Duration turnaround) {
            this.device = device;
            this.turnaround = turnaround;
        }
    }

    private final Settings settings;
    private final BusTiming timing;
    private final Process socat;
    private final Path directory;
    private final boolean ownDirectory;
    private final Path masterLink;
    private final Path masterDevice;
    private final FileInputStream busIn;
    private final FileOutputStream busOut;
    private final Map<Integer, Slot> slots = new ConcurrentHashMap<>();
    private final BlockingQueue<Chunk> arrivals = new LinkedBlockingQueue<>();
    private final BusTimeline timeline;
    private final RtuFrameAssembler assembler = new RtuFrameAssembler();
    private final BusCounters counters = new BusCounters();
    private final Random random;
    private final Thread reader;
    private final Thread bus;
    private volatile boolean closed;

    private Rs485BusEmulator(Settings settings, Process socat, Path directory, boolean ownDirectory, Path masterLink,
            Path masterDevice, FileInputStream busIn, FileOutputStream busOut) {
        this.settings = settings;
        this.timing = settings.timing();
        this.socat = socat;
        this.directory = directory;
        this.ownDirectory = ownDirectory;
        this.masterLink = masterLink;
        this.masterDevice = masterDevice;
        this.busIn = busIn;
        this.busOut = busOut;
        this.timeline = new BusTimeline(timing);
        this.random = new Random(settings.seed());
        this.reader = new Thread(this::readLoop, "rs485-" + settings.name() + "-reader");
        this.bus = new Thread(this::busLoop, "rs485-" + settings.name() + "-bus");
        reader.setDaemon(true);
        bus.setDaemon(true);
        bus.setPriority(Thread.MAX_PRIORITY);
    }

    /** Starts a bus at {@code baudRate} with Modbus timing and default settings, carrying {@code slaves}. */
    public static Rs485BusEmulator start(int baudRate, Collection<SimulatedDevice> slaves) {
        return start(Settings.of(baudRate), slaves);
    }

    /**
     * Starts socat and the bus with {@code slaves} (one per unit id). Throws {@link IllegalStateException}
     * when socat is missing or does not come up, {@link IllegalArgumentException} for a duplicate unit id.
     */
    public static Rs485BusEmulator start(Settings settings, Collection<SimulatedDevice> slaves) {
        if (!socatAvailable()) {
            throw new IllegalStateException("bus " + settings.name() + ": socat is not installed (apt-get install -y socat);"
                    + " the RS-485 emulator needs it for its virtual serial line");
        }
        checkUnitIds(settings.name(), slaves);
        Path directory;
        boolean own = settings.directory() == null;
        try {
            directory = own ? Files.createTempDirectory("wattline-rs485-") : Files.createDirectories(settings.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("bus " + settings.name() + ": cannot create the pty directory", e);
        }
        String dirText = directory.toAbsolutePath().toString();
        if (dirText.matches(".*[,:!\"'\\\\\\s{}\\[\\]].*")) {
            throw new IllegalArgumentException("bus " + settings.name() + ": pty directory '" + dirText
                    + "' has characters socat's address syntax cannot take (, : ! quotes blanks brackets)");
        }
        Path masterLink = directory.toAbsolutePath().resolve("master");
        Path busLink = directory.toAbsolutePath().resolve("bus");
        Process socat = startSocat(settings.name(), masterLink, busLink);
        try {
            Path masterDevice = masterLink.toRealPath();
            FileInputStream in = new FileInputStream(busLink.toFile());
            FileOutputStream out = new FileOutputStream(busLink.toFile());
            Rs485BusEmulator emulator = new Rs485BusEmulator(settings, socat, directory, own, masterLink, masterDevice, in, out);
            for (SimulatedDevice d : slaves) {
                emulator.addSlave(d);
            }
            emulator.reader.start();
            emulator.bus.start();
            LOG.info("RS-485 bus {} at {} baud: master {} ({}), unit ids {}, turnaround {}", settings.name(),
                    settings.timing().baudRate(), masterDevice, masterLink, emulator.unitIds(), settings.turnaround());
            return emulator;
        } catch (IOException | RuntimeException e) {
            socat.destroy();
            throw e instanceof IOException io ? new UncheckedIOException("bus " + settings.name()
                    + ": cannot open the pty " + busLink, io) : (RuntimeException) e;
        }
    }

    private static void checkUnitIds(String name, Collection<SimulatedDevice> slaves) {
        Map<Integer, String> seen = new java.util.HashMap<>();
        for (SimulatedDevice d : slaves) {
            checkUnitId(name, d);
            String before = seen.putIfAbsent(d.unitId(), d.meterId());
            if (before != null) {
                throw new IllegalArgumentException("bus " + name + ": unit id " + d.unitId() + " is taken by meter "
                        + before + " and meter " + d.meterId());
            }
        }
    }

    private static void checkUnitId(String name, SimulatedDevice device) {
        if (device.unitId() < 1 || device.unitId() > 247) {
            throw new IllegalArgumentException("bus " + name + ": meter " + device.meterId() + " has unit id "
                    + device.unitId() + "; a Modbus RTU slave address is 1..247");
        }
    }

    /** True when a {@code socat} executable is on the PATH. */
    public static boolean socatAvailable() {
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

    private static Process startSocat(String name, Path masterLink, Path busLink) {
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + masterLink, "pty,raw,echo=0,link=" + busLink).redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("bus " + name + ": cannot run socat", e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread drain = new Thread(() -> {
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
                LOG.debug("socat {}: output closed: {}", name, e.getMessage());
            }
        }, "rs485-" + name + "-socat");
        drain.setDaemon(true);
        drain.start();
        try {
            if (!ready.await(SOCAT_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException("bus " + name + ": socat did not start its ptys within "
                        + SOCAT_START_TIMEOUT.toSeconds() + " s; it said: " + String.join(" | ", output));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bus " + name + ": interrupted while socat started", e);
        }
        return process;
    }

    // ------------------------------------------------------------------------------ public API

    /** The serial device a master opens: the real pty path, e.g. {@code /dev/pts/3}. */
    public String masterDevice() {
        return masterDevice.toString();
    }

    /** The symbolic link to {@link #masterDevice()} in the emulator's directory (stable name, for logs). */
    public Path masterLink() {
        return masterLink;
    }

    public BusTiming timing() {
        return timing;
    }

    public Settings settings() {
        return settings;
    }

    /** Adds a slave under its unit id (1..247), in state NORMAL with the bus's turnaround. */
    public void addSlave(SimulatedDevice device) {
        checkUnitId(settings.name(), device);
        int unit = device.unitId();
        if (slots.putIfAbsent(unit, new Slot(device, settings.turnaround())) != null) {
            throw new IllegalArgumentException("bus " + settings.name() + ": unit id " + unit
                    + " is already taken by meter " + slots.get(unit).device.meterId() + " (meter " + device.meterId() + ")");
        }
    }

    /** Unplugs the slave with {@code unitId}; its requests then go unanswered. */
    public void removeSlave(int unitId) {
        slots.remove(unitId);
    }

    public Set<Integer> unitIds() {
        return new TreeSet<>(slots.keySet());
    }

    /** Switches a slave's behaviour; takes effect from the next request. */
    public void setBehaviour(int unitId, SlaveBehaviour behaviour) {
        slot(unitId).behaviour = Objects.requireNonNull(behaviour, "behaviour");
    }

    public SlaveBehaviour behaviour(int unitId) {
        return slot(unitId).behaviour;
    }

    /** Sets one slave's turnaround (the gap after request end + t3.5 before it answers). */
    public void setTurnaround(int unitId, Duration turnaround) {
        if (turnaround.isNegative()) {
            throw new IllegalArgumentException("turnaround must not be negative, got " + turnaround);
        }
        slot(unitId).turnaround = turnaround;
    }

    public Duration turnaround(int unitId) {
        return slot(unitId).turnaround;
    }

    public BusStatistics statistics() {
        return counters.snapshot();
    }

    public void resetStatistics() {
        counters.reset();
    }

    private Slot slot(int unitId) {
        Slot s = slots.get(unitId);
        if (s == null) {
            throw new IllegalArgumentException("bus " + settings.name() + " has no slave with unit id " + unitId
                    + " (it has " + unitIds() + ")");
        }
        return s;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        bus.interrupt();
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
            bus.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(busOut);
        closeQuietly(busIn);
        try {
            Files.deleteIfExists(masterLink);
            Files.deleteIfExists(masterLink.resolveSibling("bus"));
            if (ownDirectory) {
                Files.deleteIfExists(directory);
            }
        } catch (IOException e) {
            LOG.warn("bus {}: could not remove pty links in {}: {}", settings.name(), directory, e.toString());
        }
        LOG.info("RS-485 bus {} stopped: {}", settings.name(), counters.snapshot());
    }

    private void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("bus {}: closing a pty stream: {}", settings.name(), e.toString());
        }
    }

    // ------------------------------------------------------------------------------ threads

    private void readLoop() {
        byte[] buffer = new byte[1024];
        try {
            while (!closed) {
                int n = busIn.read(buffer);
                long now = System.nanoTime();
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    arrivals.add(new Chunk(java.util.Arrays.copyOf(buffer, n), now));
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.error("bus {}: reading the pty failed, the bus stops answering", settings.name(), e);
            }
        } finally {
            arrivals.add(END);
        }
    }

    private void busLoop() {
        long partialSilence = Math.max(timing.silenceNanos(), MIN_PARTIAL_SILENCE_NANOS);
        try {
            while (!closed) {
                Chunk chunk = assembler.hasPending() ? arrivals.poll(partialSilence, TimeUnit.NANOSECONDS) : arrivals.take();
                if (chunk == END) {
                    return;
                }
                if (chunk == null) {
                    handle(assembler.takePartial());
                } else {
                    assembler.feed(chunk.bytes(), chunk.bytes().length, chunk.arrivalNanos());
                }
                Optional<RtuFrameAssembler.Frame> frame;
                while (!closed && (frame = assembler.takeComplete()).isPresent()) {
                    handle(frame.get());
                }
            }
        } catch (InterruptedException e) {
            if (!closed) {
                LOG.error("bus {}: interrupted, the bus stops answering", settings.name());
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.error("bus {}: writing the pty failed, the bus stops answering", settings.name(), e);
            }
        }
    }

    private void handle(RtuFrameAssembler.Frame frame) throws InterruptedException, IOException {
        byte[] request = frame.bytes();
        BusTimeline.Placed placed = timeline.placeRequest(frame.firstArrivalNanos(), frame.lastArrivalNanos(), request.length);
        counters.request(request.length, timing.bytesNanos(request.length));
        if (request.length < 4 || ModbusFrames.crc16(request, 0, request.length - 2)
                != ((request[request.length - 2] & 0xFF) | (request[request.length - 1] & 0xFF) << 8)) {
            LOG.debug("bus {}: ignoring a bad frame {}", settings.name(), ModbusFrames.hex(request));
            counters.badRequest(timeline.freeAtNanos() - placed.startNanos());
            return;
        }
        int unit = request[0] & 0xFF;
        Slot slot = unit == 0 ? null : slots.get(unit);
        if (unit == 0 || slot == null || slot.behaviour instanceof SlaveBehaviour.Dead) {
            counters.unanswered(timeline.freeAtNanos() - placed.startNanos());
            return;
        }
        SlaveBehaviour behaviour = slot.behaviour;
        byte[] response;
        try {
            response = RtuResponder.respond(slot.device, request);
        } catch (RuntimeException e) {
            LOG.error("bus {}: meter {} failed to produce its registers; answering SERVER DEVICE FAILURE",
                    settings.name(), slot.device.meterId(), e);
            response = ModbusFrames.rtuExceptionResponse(unit, request[1] & 0xFF, 4);
        }
        boolean exception = RtuResponder.isException(response);
        boolean garbled = false;
        if (behaviour instanceof SlaveBehaviour.Garbling g && random.nextDouble() < g.probability()) {
            response = garble(response);
            garbled = true;
        }
        long turnaround = slot.turnaround.toNanos()
                + (behaviour instanceof SlaveBehaviour.Slow s ? s.extra().toNanos() : 0);
        long start = timeline.responseStart(placed, turnaround);
        if (!quietUntil(start)) {
            counters.dropped(timeline.freeAtNanos() - placed.startNanos());
            return;
        }
        timeline.placeResponse(start, response.length);
        writePaced(response, start);
        counters.response(response.length, timing.bytesNanos(response.length), exception, garbled,
                timeline.freeAtNanos() - placed.startNanos());
    }

    /** A corrupted copy: a flipped CRC bit or the frame cut short, half of the time each. */
    private byte[] garble(byte[] response) {
        if (random.nextBoolean()) {
            byte[] out = response.clone();
            out[out.length - 1 - random.nextInt(2)] ^= (byte) (1 << random.nextInt(8));
            return out;
        }
        return java.util.Arrays.copyOf(response, 1 + random.nextInt(response.length - 1));
    }

    /**
     * Waits until {@code deadline}; false when the master sends before it (its bytes go to the
     * assembler and the pending response is dropped).
     */
    private boolean quietUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Chunk chunk = arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (chunk == END) {
                arrivals.add(END);
                return false;
            }
            if (chunk != null) {
                assembler.feed(chunk.bytes(), chunk.bytes().length, chunk.arrivalNanos());
                return false;
            }
        }
        return true;
    }

    /** Writes each chunk of about 1 ms when its last character would have arrived at the master, never earlier. */
    private void writePaced(byte[] response, long start) throws IOException {
        int perChunk = (int) Math.max(1, CHUNK_NANOS / timing.characterNanos());
        for (int i = 0; i < response.length; i += perChunk) {
            int length = Math.min(perChunk, response.length - i);
            long due = start + timing.bytesNanos(i + length);
            long left;
            while ((left = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
            busOut.write(response, i, length);
        }
    }

    @Override
    public String toString() {
        return "Rs485BusEmulator[" + settings.name() + ", " + timing.baudRate() + " baud, " + masterDevice + ", units "
                + unitIds() + "]";
    }
}
