package io.wattline.simulator;

import java.time.Duration;

/**
 * How a slave on the emulated RS-485 bus behaves; switchable while the bus runs, to test that a
 * collector survives unplugged, sluggish or noisy meters.
 */
public sealed interface SlaveBehaviour {

    /** Answers every request after its turnaround. */
    record Normal() implements SlaveBehaviour {
    }

    /** Never answers (unplugged, powered off, wrong address switch). */
    record Dead() implements SlaveBehaviour {
    }

    /** Answers, but {@code extra} later than its turnaround. */
    record Slow(Duration extra) implements SlaveBehaviour {
        public Slow {
            if (extra.isNegative()) {
                throw new IllegalArgumentException("extra delay must not be negative, got " + extra);
            }
        }
    }

    /**
     * Each response is, with {@code probability}, corrupted: either a CRC byte is flipped or the
     * frame is cut short (half of each), as line noise or a dropped driver enable does.
     */
    record Garbling(double probability) implements SlaveBehaviour {
        public Garbling {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("garbling probability must be in 0..1, got " + probability);
            }
        }
    }

    static SlaveBehaviour normal() {
        return new Normal();
    }

    static SlaveBehaviour dead() {
        return new Dead();
    }

    static SlaveBehaviour slow(Duration extra) {
        return new Slow(extra);
    }

    static SlaveBehaviour garbling(double probability) {
        return new Garbling(probability);
    }
}
