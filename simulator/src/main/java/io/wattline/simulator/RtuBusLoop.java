package io.wattline.simulator;

import io.wattline.profiles.codec.ModbusFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two threads of an emulated bus over any byte line: a reader that stamps each chunk the
 * master wrote with its arrival time, and the bus thread that cuts frames, places them on the
 * {@link BusTimeline}, lets the addressed slave answer and writes the answer paced at wire speed.
 * The reader is separate so that bytes arriving while a response is paced keep their true time.
 */
final class RtuBusLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RtuBusLoop.class);
    /** Responses are written in pieces of about this much wire time. */
    private static final long CHUNK_NANOS = 1_000_000;
    /** Real-time quiet that ends a frame whose length the function code does not tell (pty time, not wire time). */
    private static final long MIN_PARTIAL_SILENCE_NANOS = 2_000_000;
    private static final int SERVER_DEVICE_FAILURE = 4;

    private record Chunk(byte[] bytes, long arrivalNanos) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final String name;
    private final BusTiming timing;
    private final InputStream fromMaster;
    private final OutputStream toMaster;
    private final Map<Integer, BusSlot> slaves;
    private final BusCounters counters;
    private final Random random;
    private final BusTimeline timeline;
    private final RtuFrameAssembler assembler = new RtuFrameAssembler();
    private final BlockingQueue<Chunk> arrivals = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Thread bus;
    private volatile boolean stopping;

    RtuBusLoop(String name, BusTiming timing, InputStream fromMaster, OutputStream toMaster, Map<Integer, BusSlot> slaves,
            BusCounters counters, long seed) {
        this.name = name;
        this.timing = timing;
        this.fromMaster = fromMaster;
        this.toMaster = toMaster;
        this.slaves = slaves;
        this.counters = counters;
        this.random = new Random(seed);
        this.timeline = new BusTimeline(timing);
        this.reader = new Thread(this::readLoop, "rs485-" + name + "-reader");
        this.bus = new Thread(this::busLoop, "rs485-" + name + "-bus");
        reader.setDaemon(true);
        bus.setDaemon(true);
        bus.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        reader.start();
        bus.start();
    }

    /** Stops the bus thread; the reader ends when its line is closed. */
    void stop() {
        stopping = true;
        bus.interrupt();
        try {
            bus.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = fromMaster.read(buffer)) >= 0) {
                long now = System.nanoTime();
                if (n > 0) {
                    arrivals.add(new Chunk(Arrays.copyOf(buffer, n), now));
                }
            }
        } catch (IOException e) {
            if (!stopping) {
                LOG.error("bus {}: reading the line failed, the bus stops answering", name, e);
            }
        } finally {
            arrivals.add(END);
        }
    }

    private void busLoop() {
        long partialSilence = Math.max(timing.silenceNanos(), MIN_PARTIAL_SILENCE_NANOS);
        try {
            while (!stopping) {
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
                while (!stopping && (frame = assembler.takeComplete()).isPresent()) {
                    handle(frame.get());
                }
            }
        } catch (InterruptedException e) {
            if (!stopping) {
                LOG.error("bus {}: interrupted, the bus stops answering", name);
            }
        } catch (IOException e) {
            if (!stopping) {
                LOG.error("bus {}: writing the line failed, the bus stops answering", name, e);
            }
        }
    }

    private void handle(RtuFrameAssembler.Frame frame) throws InterruptedException, IOException {
        byte[] request = frame.bytes();
        BusTimeline.Placed placed = timeline.placeRequest(frame.firstArrivalNanos(), frame.lastArrivalNanos(), request.length);
        counters.request(request.length, timing.bytesNanos(request.length));
        if (!hasGoodCrc(request)) {
            LOG.debug("bus {}: ignoring a frame with a bad CRC or length: {}", name, ModbusFrames.hex(request));
            counters.badRequest(timeline.freeAtNanos() - placed.startNanos());
            return;
        }
        int unit = request[0] & 0xFF;
        BusSlot slot = unit == 0 ? null : slaves.get(unit);
        SlaveBehaviour behaviour = slot == null ? null : slot.behaviour;
        if (slot == null || behaviour instanceof SlaveBehaviour.Dead) {
            counters.unanswered(timeline.freeAtNanos() - placed.startNanos());
            return;
        }
        byte[] response;
        try {
            response = RtuResponder.respond(slot.device, request);
        } catch (RuntimeException e) {
            LOG.error("bus {}: meter {} failed to produce its registers; answering SERVER DEVICE FAILURE", name,
                    slot.device.meterId(), e);
            response = ModbusFrames.rtuExceptionResponse(unit, request[1] & 0xFF, SERVER_DEVICE_FAILURE);
        }
        boolean exception = RtuResponder.isException(response);
        boolean garbled = behaviour instanceof SlaveBehaviour.Garbling g && random.nextDouble() < g.probability();
        if (garbled) {
            response = garble(response);
        }
        long turnaround = slot.turnaround.toNanos() + (behaviour instanceof SlaveBehaviour.Slow s ? s.extra().toNanos() : 0);
        long start = timeline.responseStart(placed, turnaround);
        if (!quietUntil(start)) {
            counters.dropped(timeline.freeAtNanos() - placed.startNanos());
            return;
        }
        timeline.placeResponse(start, response.length);
        // counted before it is written, so a master that has its answer also sees it in the statistics
        counters.response(response.length, timing.bytesNanos(response.length), exception, garbled,
                timeline.freeAtNanos() - placed.startNanos());
        writePaced(response, start);
    }

    private static boolean hasGoodCrc(byte[] frame) {
        if (frame.length < 4) {
            return false;
        }
        int n = frame.length - 2;
        return ModbusFrames.crc16(frame, 0, n) == ((frame[n] & 0xFF) | (frame[n + 1] & 0xFF) << 8);
    }

    /** A corrupted copy: a flipped CRC bit or the frame cut short, half of the time each. */
    private byte[] garble(byte[] response) {
        if (random.nextBoolean()) {
            byte[] out = response.clone();
            out[out.length - 1 - random.nextInt(2)] ^= (byte) (1 << random.nextInt(8));
            return out;
        }
        return Arrays.copyOf(response, 1 + random.nextInt(response.length - 1));
    }

    /**
     * Waits until {@code deadline}; false when the master sends before it: its bytes go to the
     * assembler and the pending response is dropped (on a real bus the two would collide).
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

    /**
     * Writes the response in pieces of about {@link #CHUNK_NANOS}, each at the instant its last
     * character would have arrived, never earlier: the deadlines are absolute, so a late wake-up
     * delays one piece and is not carried into the next.
     */
    private void writePaced(byte[] response, long start) throws IOException {
        int perChunk = (int) Math.max(1, CHUNK_NANOS / timing.characterNanos());
        for (int i = 0; i < response.length; i += perChunk) {
            int length = Math.min(perChunk, response.length - i);
            long due = start + timing.bytesNanos(i + length);
            long left;
            while ((left = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
            toMaster.write(response, i, length);
            toMaster.flush();
        }
    }
}
