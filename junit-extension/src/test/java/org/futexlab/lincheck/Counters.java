package org.futexlab.lincheck;

import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

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

    /** Adds its argument atomically; Lincheck's generator only ever passes 1. */
    public static class Adder {
        final AtomicInteger value = new AtomicInteger();

        @Operation
        public int add(@Param(gen = IntGen.class, conf = "1:1") int by) {
            return value.addAndGet(by);
        }

        @Operation
        public int get() {
            return value.get();
        }
    }

    /**
     * Only an add of 7 can be lost (get, then set): no random scenario can show the bug, an added scenario can. The
     * override does not repeat {@code @Operation}, which Lincheck allows.
     */
    public static class LostAddOfSeven extends Adder {
        @Override
        public int add(int by) {
            if (by != 7) {
                return super.add(by);
            }
            int v = value.get() + by;
            value.set(v);
            return v;
        }
    }

    /** Operations whose annotations an added scenario must respect; never checked, only resolved. */
    public static class Annotated {
        @Operation(nonParallelGroup = "consumer")
        public int poll() {
            return 0;
        }

        @Operation(runOnce = true)
        public void close() {}

        @Operation
        public void put(int v) {}

        @Operation
        public void put(Integer v) {}
    }

    /** The sequential specification of {@link Adder}. */
    public static class SequentialAdder {
        private int value;

        public int add(int by) {
            return value += by;
        }

        public int get() {
            return value;
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
