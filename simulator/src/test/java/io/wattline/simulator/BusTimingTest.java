package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.profiles.RegisterFunction;
import io.wattline.profiles.codec.ReadRequest;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BusTimingTest {

    /** Character time = 11 bits / baud; t3.5 = 3.5 characters up to 19200 baud, 1750 µs above. */
    @ParameterizedTest
    @CsvSource({
            // baud, character ns (11e9 / baud, rounded up), t3.5 ns
            "1200,   9166667, 32083334",
            "9600,   1145834,  4010417",
            "19200,   572917,  2005209",
            "38400,   286459,  1750000",
            "115200,   95487,  1750000"})
    void characterAndSilenceTimes(int baud, long characterNanos, long silenceNanos) {
        BusTiming t = BusTiming.modbus(baud);
        assertEquals(characterNanos, t.characterNanos());
        assertEquals(silenceNanos, t.silenceNanos());
    }

    @Test
    void framesAreRoundedOnceNotPerCharacter() {
        BusTiming t = BusTiming.modbus(9600);
        // 25 characters = 275 bits = 28645833.3 ns -> 28645834, not 25 x 1145834
        assertEquals(28_645_834, t.bytesNanos(25));
        assertEquals(0, t.bytesNanos(0));
    }

    @Test
    void anExchangeIsRequestSilenceTurnaroundResponseSilence() {
        BusTiming t = BusTiming.modbus(9600);
        // 8-byte read request, 10 registers back (25 bytes), 5 ms turnaround
        long expected = t.bytesNanos(8) + 4_010_417 + 5_000_000 + t.bytesNanos(25) + 4_010_417;
        assertEquals(expected, t.exchangeNanos(BusTiming.READ_REQUEST_BYTES, BusTiming.readResponseBytes(10),
                Duration.ofMillis(5)));
        assertEquals(t.bytesNanos(8) + t.silenceNanos(), t.unansweredNanos(8));
    }

    @Test
    void responseSizesOfReads() {
        BusTiming t = BusTiming.modbus(19200);
        assertEquals(25, BusTiming.responseBytes(new ReadRequest(1, RegisterFunction.HOLDING, 0, 10)));
        assertEquals(BusTiming.readResponseBytes(10), BusTiming.responseBytes(new ReadRequest(1, RegisterFunction.INPUT, 0, 10)));
        // 9 coils need 2 data bytes
        assertEquals(7, BusTiming.bitResponseBytes(9));
        assertEquals(7, BusTiming.responseBytes(new ReadRequest(1, RegisterFunction.COIL, 0, 9)));
        assertEquals(t.exchangeNanos(8, 25, Duration.ofMillis(2)),
                t.exchangeNanos(new ReadRequest(1, RegisterFunction.HOLDING, 0, 10), Duration.ofMillis(2)));
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> BusTiming.modbus(0));
        assertThrows(IllegalArgumentException.class, () -> new BusTiming(9600, 3));
    }
}
