package org.futexlab.uninstrumented;

/** Code outside every instrumented package: its volatile increment is no scheduling point. */
public final class Counter {
    private static volatile int hits;

    private Counter() {}

    /** Counts a call, as code under test that was not instrumented would. */
    public static void hit() {
        hits++;
    }
}
