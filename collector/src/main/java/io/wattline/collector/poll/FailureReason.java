package io.wattline.collector.poll;

import io.wattline.collector.modbus.LateAnswer;
import io.wattline.collector.modbus.ModbusReadException;
import io.wattline.core.DurationWords;
import io.wattline.profiles.RegisterFunction;
import java.time.Duration;
import java.util.Locale;

/**
 * The reasons BAD samples and device errors carry, written for the engineer on site: each names
 * the unit id, the function code, the start address (PDU, decimal and hex) and the count, and a
 * timeout says how long was waited and how late an earlier answer came, if one did.
 */
public final class FailureReason {

    private FailureReason() {
    }

    /** {@code unit 3, FC 03 at 8192 (0x2000) count 34}. */
    public static String request(int unitId, RegisterFunction function, int start, int count) {
        return "unit " + unitId + ", FC " + String.format(Locale.ROOT, "%02d", function.readFunctionCode()) + " at "
                + start + " (0x" + String.format(Locale.ROOT, "%04X", start) + ") count " + count;
    }

    /**
     * The reason for a failed read.
     *
     * @param timeout  the link's timeout, null when unknown
     * @param lateHint what an earlier late answer of this device showed, null if none
     */
    public static String of(ModbusReadException e, int unitId, RegisterFunction function, int start, int count,
            Duration timeout, String endpoint, String lateHint) {
        String what = request(unitId, function, start, count);
        return switch (e.kind()) {
            case TIMEOUT -> "timeout" + (timeout == null ? "" : " after " + DurationWords.format(timeout))
                    + ": no answer from " + what + " on " + endpoint + (lateHint == null ? "" : "; " + lateHint);
            case EXCEPTION_CODE -> e.reason() + " from " + what;
            case IO, BAD_RESPONSE -> e.reason() + " (" + what + ")";
        };
    }

    /** What a late answer tells the engineer, and what to do about it. */
    public static String late(LateAnswer late) {
        Duration over = late.answeredAfter().minus(late.timeout());
        return "late answer: " + request(late.unitId(), late.function(), late.start(), late.count()) + " answered after "
                + DurationWords.format(late.answeredAfter()) + ", " + DurationWords.format(over) + " after the timeout of "
                + DurationWords.format(late.timeout()) + " on " + late.endpoint() + "; raise the connection's timeout to at least "
                + DurationWords.format(suggestedTimeout(late.answeredAfter()));
    }

    /** A timeout with room above an observed answer time: 1.5 times it, rounded up to 100 ms. */
    static Duration suggestedTimeout(Duration answeredAfter) {
        long ms = (long) Math.ceil(answeredAfter.toMillis() * 1.5 / 100.0) * 100;
        return Duration.ofMillis(ms);
    }
}
