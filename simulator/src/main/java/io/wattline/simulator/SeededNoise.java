package io.wattline.simulator;

/**
 * Deterministic noise: the same seed, channel and second always give the same value, however
 * the simulation is stepped (so a day simulated in 1 s steps equals one simulated in 0.3 s steps).
 */
final class SeededNoise {

    private final long seed;

    SeededNoise(long seed) {
        this.seed = seed;
    }

    /** A standard normal value for {@code channel} at {@code second} (Box–Muller on SplitMix64). */
    double gaussian(long channel, long second) {
        long h = mix(seed ^ mix(channel * 0x9E3779B97F4A7C15L + second));
        double u1 = ((h >>> 11) + 1.0) / 0x1p53;            // (0, 1]
        double u2 = (mix(h) >>> 11) / 0x1p53;                // [0, 1)
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A uniform value in [0, 1) for a fixed choice (phases, initial readings). */
    double uniform(long channel) {
        return (mix(seed ^ mix(channel * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L)) >>> 11) / 0x1p53;
    }

    /** Slow drift in about [-1, 1] with a typical period of {@code periodSeconds}. */
    double drift(long channel, double epochSecond, double periodSeconds) {
        double p1 = 2 * Math.PI * uniform(channel * 3 + 1);
        double p2 = 2 * Math.PI * uniform(channel * 3 + 2);
        double w = 2 * Math.PI / periodSeconds;
        return (Math.sin(w * epochSecond + p1) + 0.5 * Math.sin(2.71 * w * epochSecond + p2)) / 1.5;
    }

    static long channel(String name, int sub) {
        return (long) name.hashCode() * 31 + sub;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
