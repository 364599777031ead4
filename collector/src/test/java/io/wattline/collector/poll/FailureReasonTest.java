package io.wattline.collector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.collector.modbus.LateAnswer;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.profiles.RegisterFunction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every reason names unit, function code, start address (decimal and hex) and count; a timeout its length. */
class FailureReasonTest {

    private static final RegisterFunction H = RegisterFunction.HOLDING;

    @Test
    void aTimeoutSaysHowLongWasWaitedAndWhatAnEarlierLateAnswerShowed() {
        assertEquals("timeout after 1 s: no answer from unit 3, FC 03 at 8192 (0x2000) count 34 on tcp://10.0.0.5:502",
                FailureReason.of(ModbusReadException.timeout("x", null), 3, H, 0x2000, 34, Duration.ofSeconds(1),
                        "tcp://10.0.0.5:502", null));
        assertEquals("timeout after 500 ms: no answer from unit 7, FC 04 at 70 (0x0046) count 2 on rtu:///dev/ttyUSB0@9600-8N1;"
                        + " an earlier request to this unit was answered after 1.4 s",
                FailureReason.of(ModbusReadException.timeout("x", null), 7, RegisterFunction.INPUT, 70, 2,
                        Duration.ofMillis(500), "rtu:///dev/ttyUSB0@9600-8N1",
                        "an earlier request to this unit was answered after 1.4 s"));
    }

    @Test
    void exceptionsAndLinkFailuresNameTheRequestToo() {
        assertEquals("exception 2 (illegal data address) from unit 1, FC 03 at 16416 (0x4020) count 8",
                FailureReason.of(ModbusReadException.exceptionCode(2), 1, H, 0x4020, 8, null, "tcp://gw:502", null));
        assertEquals("io: connect to tcp://gw:502 failed: Connection refused (unit 1, FC 01 at 0 (0x0000) count 16)",
                FailureReason.of(ModbusReadException.io("connect to tcp://gw:502 failed: Connection refused", null), 1,
                        RegisterFunction.COIL, 0, 16, null, "tcp://gw:502", null));
    }

    @Test
    void aLateAnswerSaysHowLateAndWhatTimeoutWouldDo() {
        LateAnswer late = new LateAnswer(2, H, 8198, 22, Duration.ofSeconds(1), Duration.ofMillis(1510), "tcp://gw:502");
        assertEquals("late answer: unit 2, FC 03 at 8198 (0x2006) count 22 answered after 1.5 s, 510 ms after the timeout"
                + " of 1 s on tcp://gw:502; raise the connection's timeout to at least 2.3 s", FailureReason.late(late));
    }
}
