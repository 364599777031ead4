package io.wattline.profiles.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wattline.profiles.DataType;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.PointDefinition;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.WordOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzz test of the frame parser and the register codec over the shipped profiles: 10^6
 * valid, mutated and random RTU and TCP responses (plus about 1.4 x 10^5 requests) for random points.
 * Nothing but {@link FrameException} may escape, and a value is only ever taken from a frame
 * whose CRC (checked here by an independent bitwise CRC), length, unit, function and byte count
 * are right. Flipping 1 to 3 bits of an RTU frame is always caught (CRC-16/MODBUS detects every
 * odd-weight and every 2-bit error in frames this short); TCP has no checksum, so there only the
 * header, function and byte count are protected and a flipped data bit must show up in exactly
 * that register.
 */
class FrameFuzzTest {

    private static final long SEED = 0x5EED_2026_1125L;
    private static final int FRAMES = 1_000_000;

    /** What was done to the frame of one iteration. */
    private enum Mutation { VALID, FEW_BIT_FLIPS, MANY_BIT_FLIPS, RESIZED, RANDOM_BYTES, REQUEST, EXCEPTION_RESPONSE, BITS }

    private final Map<Mutation, int[]> tally = new EnumMap<>(Mutation.class);   // {frames, rejected}
    private int responses;

    @Test
    void aMillionFramesGiveValuesOnlyFromValidOnes() {
        List<PointDefinition> points = registerPoints(ProfileCatalog.builtIn());
        SplittableRandom random = new SplittableRandom(SEED);
        Mutation[] mutations = Mutation.values();
        // until 10^6 response frames (register and bit reads) have been parsed; requests come on top
        for (int i = 0; responseFrames() < FRAMES; i++) {
            PointDefinition point = points.get(random.nextInt(points.size()));
            Mutation mutation = mutations[random.nextInt(mutations.length)];
            boolean tcp = random.nextBoolean();
            try {
                fuzzOne(point, mutation, tcp, random);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + SEED + ", frame " + i + " (" + mutation + (tcp ? ", TCP" : ", RTU")
                        + ", point " + point.name() + "): " + e, e);
            }
        }
        assertTrue(responseFrames() >= FRAMES, "only " + responseFrames() + " response frames were parsed");
        assertEquals(0, tally.get(Mutation.VALID)[1], "valid frames rejected");
        assertEquals(tally.get(Mutation.RESIZED)[0], tally.get(Mutation.RESIZED)[1], "resized frames accepted");
        assertEquals(tally.get(Mutation.EXCEPTION_RESPONSE)[0], tally.get(Mutation.EXCEPTION_RESPONSE)[1],
                "exception responses gave registers");
        for (Mutation m : List.of(Mutation.FEW_BIT_FLIPS, Mutation.MANY_BIT_FLIPS, Mutation.RANDOM_BYTES, Mutation.REQUEST)) {
            assertTrue(tally.get(m)[1] > tally.get(m)[0] / 3, m + ": too few rejections " + tally.get(m)[1] + " of " + tally.get(m)[0]);
        }
    }

    private void fuzzOne(PointDefinition point, Mutation mutation, boolean tcp, SplittableRandom random) {
        ReadRequest request = requestCovering(point, random);
        int txn = random.nextInt(0x10000);
        int[] registers = new int[request.count()];
        for (int r = 0; r < registers.length; r++) {
            registers[r] = random.nextInt(0x10000);
        }
        byte[] valid = tcp
                ? ModbusFrames.tcpRegisterResponse(txn, request.unitId(), request.function(), registers)
                : ModbusFrames.rtuRegisterResponse(request.unitId(), request.function(), registers);
        switch (mutation) {
            case VALID -> {
                int[] parsed = parseRegisters(mutation, tcp, valid, txn, request);
                assertArrayEquals(registers, parsed);
                decodeEveryWay(point, parsed, request, random);
            }
            case FEW_BIT_FLIPS -> {
                int[] flips = distinctBits(valid.length * 8, 1 + random.nextInt(3), random);
                byte[] frame = flip(valid, flips);
                int[] parsed = parseRegisters(mutation, tcp, frame, txn, request);
                if (!tcp) {
                    assertEquals(null, parsed, "an RTU frame with " + flips.length + " flipped bit(s) was accepted");
                } else if (minimum(flips) < 9 * 8) {
                    assertEquals(null, parsed, "a TCP frame with a flipped header, function or byte-count bit was accepted");
                } else {
                    // no checksum in TCP: the flipped data bits, and only they, show in the registers
                    int[] expected = registersOf(frame, 9, request.count());
                    assertArrayEquals(expected, parsed);
                    decodeEveryWay(point, parsed, request, random);
                }
            }
            case MANY_BIT_FLIPS -> {
                byte[] frame = flip(valid, distinctBits(valid.length * 8, 4 + random.nextInt(13), random));
                int[] parsed = parseRegisters(mutation, tcp, frame, txn, request);
                if (parsed != null) {
                    assertWellFormed(tcp, frame, txn, request);
                    decodeEveryWay(point, parsed, request, random);
                }
            }
            case RESIZED -> {
                int delta = random.nextBoolean() ? -(1 + random.nextInt(valid.length)) : 1 + random.nextInt(8);
                byte[] frame = new byte[valid.length + delta];
                System.arraycopy(valid, 0, frame, 0, Math.min(valid.length, frame.length));
                for (int b = valid.length; b < frame.length; b++) {
                    frame[b] = (byte) random.nextInt(256);
                }
                assertEquals(null, parseRegisters(mutation, tcp, frame, txn, request), "a frame of the wrong length was accepted");
            }
            case RANDOM_BYTES -> {
                byte[] frame = randomFrame(valid.length, tcp, random);
                int[] parsed = parseRegisters(mutation, tcp, frame, txn, request);
                if (parsed != null) {
                    assertWellFormed(tcp, frame, txn, request);
                    decodeEveryWay(point, parsed, request, random);
                }
            }
            case REQUEST -> fuzzRequest(request, tcp, txn, random);
            case EXCEPTION_RESPONSE -> {
                int code = 1 + random.nextInt(255);
                byte[] pdu = {(byte) (request.functionCode() | 0x80), (byte) code};
                byte[] frame = tcp ? ModbusFrames.tcpFrame(txn, request.unitId(), pdu)
                        : ModbusFrames.rtuExceptionResponse(request.unitId(), request.functionCode(), code);
                count(mutation);
                try {
                    if (tcp) {
                        ModbusFrames.parseTcpRegisters(frame, txn, request);
                    } else {
                        ModbusFrames.parseRtuRegisters(frame, request);
                    }
                    fail("an exception response gave registers");
                } catch (FrameException e) {
                    tally.get(mutation)[1]++;
                    assertEquals(FrameException.Reason.EXCEPTION_RESPONSE, e.reason());
                    assertEquals(code, e.exceptionCode());
                }
            }
            case BITS -> fuzzBits(tcp, txn, random);
        }
    }

    /** Requests as a slave receives them: valid ones parse to themselves, damaged RTU ones never parse. */
    private void fuzzRequest(ReadRequest request, boolean tcp, int txn, SplittableRandom random) {
        byte[] valid = tcp ? ModbusFrames.tcpRequest(txn, request) : ModbusFrames.rtuRequest(request);
        int choice = random.nextInt(3);
        byte[] frame = switch (choice) {
            case 0 -> valid;
            case 1 -> flip(valid, distinctBits(valid.length * 8, 1 + random.nextInt(3), random));
            default -> randomFrame(valid.length, tcp, random);
        };
        count(Mutation.REQUEST);
        try {
            ReadRequest parsed = tcp ? ModbusFrames.parseTcpRequest(frame) : ModbusFrames.parseRtuRequest(frame);
            if (choice == 0) {
                assertEquals(request, parsed);
            } else if (choice == 1 && !tcp) {
                fail("an RTU request with flipped bits was accepted: " + ModbusFrames.hex(frame));
            }
        } catch (FrameException e) {
            tally.get(Mutation.REQUEST)[1]++;
            assertTrue(choice != 0, "a valid request was rejected: " + e.getMessage());
        }
    }

    /** Coil and discrete-input reads: valid answers give their bits back, damaged RTU answers never do. */
    private void fuzzBits(boolean tcp, int txn, SplittableRandom random) {
        RegisterFunction function = random.nextBoolean() ? RegisterFunction.COIL : RegisterFunction.DISCRETE;
        int count = 1 + random.nextInt(ModbusFrames.MAX_BITS);
        ReadRequest request = new ReadRequest(1 + random.nextInt(247), function, random.nextInt(0x10000 - count + 1), count);
        boolean[] bits = new boolean[count];
        for (int b = 0; b < count; b++) {
            bits[b] = random.nextBoolean();
        }
        byte[] valid = ModbusFrames.rtuBitResponse(request.unitId(), function, bits);
        if (tcp) {
            byte[] pdu = new byte[valid.length - 3];
            System.arraycopy(valid, 1, pdu, 0, pdu.length);
            valid = ModbusFrames.tcpFrame(txn, request.unitId(), pdu);
        }
        boolean damaged = random.nextBoolean();
        byte[] frame = damaged ? flip(valid, distinctBits(valid.length * 8, 1 + random.nextInt(3), random)) : valid;
        count(Mutation.BITS);
        try {
            boolean[] parsed = tcp ? ModbusFrames.parseTcpBits(frame, txn, request) : ModbusFrames.parseRtuBits(frame, request);
            if (!damaged) {
                assertArrayEquals(bits, parsed);
            } else if (!tcp) {
                fail("an RTU bit response with flipped bits was accepted");
            }
        } catch (FrameException e) {
            tally.get(Mutation.BITS)[1]++;
            assertTrue(damaged, "a valid bit response was rejected: " + e.getMessage());
        }
    }

    /** Registers of the frame, or null when the parser rejected it (only FrameException may escape). */
    private int[] parseRegisters(Mutation mutation, boolean tcp, byte[] frame, int txn, ReadRequest request) {
        count(mutation);
        try {
            return tcp ? ModbusFrames.parseTcpRegisters(frame, txn, request) : ModbusFrames.parseRtuRegisters(frame, request);
        } catch (FrameException e) {
            tally.get(mutation)[1]++;
            return null;
        }
    }

    private int responseFrames() {
        return responses;
    }

    private void count(Mutation mutation) {
        tally.computeIfAbsent(mutation, m -> new int[2])[0]++;
        if (mutation != Mutation.REQUEST) {
            responses++;
        }
    }

    /** Decodes the point where the request put it, then random types and word orders anywhere: never throws. */
    private static void decodeEveryWay(PointDefinition point, int[] registers, ReadRequest request, SplittableRandom random) {
        double value = RegisterCodec.decode(point, registers, point.address() - request.address());
        if (point.type() != DataType.FLOAT32 && point.type() != DataType.FLOAT64) {
            assertTrue(Double.isFinite(value), point.name() + " decoded to " + value);
        }
        DataType[] types = DataType.values();
        DataType type = types[random.nextInt(types.length)];
        WordOrder order = WordOrder.values()[random.nextInt(WordOrder.values().length)];
        if (type.registerCount() <= registers.length) {
            int index = random.nextInt(registers.length - type.registerCount() + 1);
            double raw = RegisterCodec.decodeRaw(type, order, random.nextInt(16), registers, index);
            if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
                assertTrue(Double.isFinite(raw), type + " decoded to " + raw);
            }
        }
    }

    /** Independent check (bitwise CRC, header fields) that an accepted frame really is a right answer. */
    private static void assertWellFormed(boolean tcp, byte[] frame, int txn, ReadRequest request) {
        int byteCount = 2 * request.count();
        if (tcp) {
            assertEquals(9 + byteCount, frame.length, "length");
            assertEquals(txn, u16(frame, 0), "transaction");
            assertEquals(0, u16(frame, 2), "protocol");
            assertEquals(frame.length - 6, u16(frame, 4), "MBAP length");
            assertEquals(request.unitId(), frame[6] & 0xFF, "unit");
            assertEquals(request.functionCode(), frame[7] & 0xFF, "function");
            assertEquals(byteCount, frame[8] & 0xFF, "byte count");
        } else {
            assertEquals(5 + byteCount, frame.length, "length");
            int n = frame.length - 2;
            assertEquals(bitwiseCrc(frame, n), (frame[n] & 0xFF) | (frame[n + 1] & 0xFF) << 8, "CRC");
            assertEquals(request.unitId(), frame[0] & 0xFF, "unit");
            assertEquals(request.functionCode(), frame[1] & 0xFF, "function");
            assertEquals(byteCount, frame[2] & 0xFF, "byte count");
        }
    }

    /** A read of the point's registers, sometimes starting a little before it and reading a little past it. */
    private static ReadRequest requestCovering(PointDefinition point, SplittableRandom random) {
        int before = Math.min(point.address(), random.nextInt(4));
        int address = point.address() - before;
        int room = Math.min(ModbusFrames.MAX_REGISTERS, 0x10000 - address);
        int count = Math.min(room, before + point.length() + random.nextInt(6));
        return new ReadRequest(1 + random.nextInt(247), point.function(), address, count);
    }

    /** Random bytes around the valid length; half of them get a correct RTU CRC or MBAP header. */
    private static byte[] randomFrame(int validLength, boolean tcp, SplittableRandom random) {
        byte[] frame = new byte[random.nextInt(2 * validLength + 1)];
        for (int b = 0; b < frame.length; b++) {
            frame[b] = (byte) random.nextInt(256);
        }
        if (random.nextBoolean()) {
            if (tcp && frame.length >= 8) {
                frame[2] = 0;
                frame[3] = 0;
                frame[4] = (byte) ((frame.length - 6) >>> 8);
                frame[5] = (byte) (frame.length - 6);
            } else if (!tcp && frame.length >= 3) {
                int crc = bitwiseCrc(frame, frame.length - 2);
                frame[frame.length - 2] = (byte) crc;
                frame[frame.length - 1] = (byte) (crc >>> 8);
            }
        }
        return frame;
    }

    private static List<PointDefinition> registerPoints(ProfileCatalog catalog) {
        List<PointDefinition> points = new ArrayList<>();
        for (DeviceProfile profile : catalog.all()) {
            profile.points().stream().filter(p -> !p.function().isBit()).forEach(points::add);
        }
        assertTrue(points.size() > 50, "expected the shipped profiles' points, got " + points.size());
        return points;
    }

    private static int[] distinctBits(int bitCount, int n, SplittableRandom random) {
        int[] bits = new int[Math.min(n, bitCount)];
        for (int k = 0; k < bits.length; k++) {
            int candidate;
            boolean taken;
            do {
                candidate = random.nextInt(bitCount);
                taken = false;
                for (int j = 0; j < k; j++) {
                    taken |= bits[j] == candidate;
                }
            } while (taken);
            bits[k] = candidate;
        }
        return bits;
    }

    private static byte[] flip(byte[] frame, int[] bits) {
        byte[] out = frame.clone();
        for (int bit : bits) {
            out[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return out;
    }

    private static int minimum(int[] values) {
        int min = Integer.MAX_VALUE;
        for (int v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static int[] registersOf(byte[] frame, int offset, int count) {
        int[] out = new int[count];
        for (int r = 0; r < count; r++) {
            out[r] = u16(frame, offset + 2 * r);
        }
        return out;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** CRC-16/MODBUS computed bit by bit, independent of the codec's table. */
    private static int bitwiseCrc(byte[] data, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xFF;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}
