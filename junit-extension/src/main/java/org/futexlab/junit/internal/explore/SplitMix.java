package org.futexlab.junit.internal.explore;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out so that a seed means the same schedules on every JDK.
 */
final class SplitMix {
    private long state;

    SplitMix(long seed) {
        this.state = seed;
    }

    /** @return a seed for schedule i of an exploration seeded with seed, independent of other schedules */
    static long derive(long seed, long i) {
        return mix(seed ^ mix(i + 0x9E3779B97F4A7C15L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** @return uniform in [0, bound) */
    int nextInt(int bound) {
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }
}
