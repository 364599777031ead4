package io.wattline.core.device;

import java.time.Instant;
import java.util.List;

/**
 * What a collector learned about the registers a device refuses (exception 02/03 to reads its
 * profile declares readable), and the reads it now plans around them: shown on the health page
 * with a suggested correction for the profile.
 *
 * @param profileId    the profile the knowledge holds for (it is forgotten when the profile changes)
 * @param learnedAt    when the device last refused something new
 * @param reads        the reads planned now, in the device's poll order
 * @param refused      points the device refuses even alone: BAD with that reason, not asked again
 * @param suggestedReadable the profile's readable ranges without what the device refused, in the
 *                     profile's own address base
 * @param learnedMaxRegisters the longest read the device accepted where a longer one was refused, or null
 * @param suggestion   the correction as profile YAML, with comments saying what was refused
 */
public record LearnedReadPlan(
        String profileId,
        Instant learnedAt,
        List<Read> reads,
        List<RefusedPoint> refused,
        List<Range> suggestedReadable,
        Integer learnedMaxRegisters,
        String suggestion) {

    public LearnedReadPlan {
        reads = List.copyOf(reads);
        refused = List.copyOf(refused);
        suggestedReadable = List.copyOf(suggestedReadable);
    }

    /** One planned read: {@code function} as profiles spell it ({@code holding}, ...), PDU start and count. */
    public record Read(String group, String function, int start, int count, List<String> points) {
        public Read {
            points = List.copyOf(points);
        }
    }

    /** A point the device refuses, with the full reason its samples carry. */
    public record RefusedPoint(String point, String reason) {
    }

    /** A readable range as a profile writes it: first and last register in the profile's address base. */
    public record Range(String function, int first, int last) {
    }
}
