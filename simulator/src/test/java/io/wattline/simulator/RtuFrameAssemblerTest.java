package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.codec.ModbusFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtuFrameAssemblerTest {

    @ParameterizedTest
    @CsvSource({
            "'01 03 00 00 00 0A C5 CD', 8",
            "'11 04 00 08 00 01 B2 98', 8",
            "'01 06 00 01 00 03 98 0B', 8",
            // write multiple registers: 7 header bytes + byte count (4) + CRC
            "'01 10 00 01 00 02 04 00 0A 01 02 92 30', 13",
            "'01 07', 4",
            "'01', 0",
            "'01 10 00 01 00', 0",
            "'01 2B 0E 01 00', 0"})
    void lengthFromTheFunctionCode(String hex, int expected) {
        assertEquals(expected, RtuFrameAssembler.expectedLength(ModbusFrames.hex(hex)));
    }

    @Test
    void framesSplitAcrossChunksAndSharingAChunkAreCutApart() {
        byte[] a = ModbusFrames.hex("01 03 00 00 00 0A C5 CD");
        byte[] b = ModbusFrames.hex("02 03 00 00 00 0A C5 FE");
        RtuFrameAssembler assembler = new RtuFrameAssembler();
        assembler.feed(a, 3, 100);
        assertTrue(assembler.takeComplete().isEmpty());
        byte[] rest = new byte[13];
        System.arraycopy(a, 3, rest, 0, 5);
        System.arraycopy(b, 0, rest, 5, 8);
        assembler.feed(rest, rest.length, 200);
        RtuFrameAssembler.Frame first = assembler.takeComplete().orElseThrow();
        assertArrayEquals(a, first.bytes());
        assertEquals(100, first.firstArrivalNanos());
        assertEquals(200, first.lastArrivalNanos());
        RtuFrameAssembler.Frame second = assembler.takeComplete().orElseThrow();
        assertArrayEquals(b, second.bytes());
        assertEquals(200, second.firstArrivalNanos());
        assertFalse(assembler.hasPending());
    }

    @Test
    void anUnknownFunctionEndsOnSilence() {
        byte[] odd = ModbusFrames.hex("01 2B 0E 01 00 70 77");
        RtuFrameAssembler assembler = new RtuFrameAssembler();
        assembler.feed(odd, odd.length, 5);
        assertTrue(assembler.takeComplete().isEmpty());
        assertTrue(assembler.hasPending());
        assertArrayEquals(odd, assembler.takePartial().bytes());
        assertFalse(assembler.hasPending());
    }
}
