package org.futexlab.lincheck;

import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;

/** Counters for the linearizability bridge's tests: a broken one (get, then set), a correct one, and the spec. */
public final class Counters {
    private Counters() {}

    /** Increments can be lost: not linearizable. */
    public static class LostUpdate {
        private final AtomicInteger value = new AtomicInteger();

        @Operation
        public int inc() {
            int v = value.get() + 1;
            value.set(v);
            return v;
        }

        @Operation
        public int get() {
            return value.get();
        }
    }

    /** incrementAndGet: linearizable. */
    public static class Atomic {
        private final AtomicInteger value = new AtomicInteger();

        @Operation
        public int inc() {
            return value.incrementAndGet();
        }

        @Operation
        public int get() {
            return value.get();
        }
    }

    /** The sequential specification. */
    public static class Sequential {
        private int value;

        public int inc() {
            return ++value;
        }

        public int get() {
            return value;
        }
    }
}
