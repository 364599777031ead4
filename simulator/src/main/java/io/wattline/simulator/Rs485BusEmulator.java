package io.wattline.simulator;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
    /**
     * Default slave turnaround: from the moment a slave sees the request end (t3.5 after its last
     * character) to its first response character.
     */
    public static final Duration DEFAULT_TURNAROUND = Duration.ofMillis(5);

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

    private final Settings settings;
    private final BusTiming timing;
    private final SocatPtyPair line;
    private final Map<Integer, BusSlot> slots = new ConcurrentHashMap<>();
    private final BusCounters counters = new BusCounters();
    private final RtuBusLoop loop;
    private final List<SerialTcpGateway> gateways = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Rs485BusEmulator(Settings settings, SocatPtyPair line) {
        this.settings = settings;
        this.timing = settings.timing();
        this.line = line;
        this.loop = new RtuBusLoop(settings.name(), timing, line.busIn(), line.busOut(), slots, counters, settings.seed());
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
        checkUnitIds(settings.name(), slaves);
        SocatPtyPair line = SocatPtyPair.open("bus " + settings.name(), settings.directory());
        Rs485BusEmulator emulator = new Rs485BusEmulator(settings, line);
        slaves.forEach(emulator::addSlave);
        emulator.loop.start();
        LOG.info("RS-485 bus {} at {} baud: master {} ({}), unit ids {}, turnaround {}", settings.name(),
                settings.timing().baudRate(), line.masterDevice(), line.masterLink(), emulator.unitIds(),
                settings.turnaround());
        return emulator;
    }

    private static void checkUnitIds(String name, Collection<SimulatedDevice> slaves) {
        Map<Integer, String> seen = new HashMap<>();
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

    /** True when a {@code socat} executable is on the PATH (the emulator needs it). */
    public static boolean socatAvailable() {
        return SocatPtyPair.available();
    }

    // ------------------------------------------------------------------------------ public API

    /** The serial device a master opens: the real pty path, e.g. {@code /dev/pts/3}. */
    public String masterDevice() {
        return line.masterDevice().toString();
    }

    /** The symbolic link to {@link #masterDevice()} in the emulator's directory (stable name, for logs). */
    public Path masterLink() {
        return line.masterLink();
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
        if (slots.putIfAbsent(unit, new BusSlot(device, settings.turnaround())) != null) {
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

    /**
     * Opens a serial-to-Ethernet gateway in transparent mode in front of this bus: RTU frames sent to
     * the returned TCP address (port 0: a free one) travel the same timed bus. Closed with the bus.
     */
    public InetSocketAddress startTcpGateway(String host, int port) {
        SerialTcpGateway gateway = SerialTcpGateway.open(settings.name(), Path.of(masterDevice()), host, port);
        gateways.add(gateway);
        return gateway.address();
    }

    public BusStatistics statistics() {
        return counters.snapshot();
    }

    public void resetStatistics() {
        counters.reset();
    }

    private BusSlot slot(int unitId) {
        BusSlot s = slots.get(unitId);
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
        gateways.forEach(SerialTcpGateway::close);
        loop.stop();
        line.close();
        LOG.info("RS-485 bus {} stopped: {}", settings.name(), counters.snapshot());
    }

    @Override
    public String toString() {
        return "Rs485BusEmulator[" + settings.name() + ", " + timing.baudRate() + " baud, " + line.masterDevice() + ", units "
                + unitIds() + "]";
    }
}
