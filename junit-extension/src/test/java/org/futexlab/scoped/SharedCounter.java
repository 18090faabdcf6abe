package org.futexlab.scoped;

import java.util.concurrent.atomic.AtomicInteger;

/** Code outside the test classes' packages: interleaved only by a scenario that names this package in instrument. */
public final class SharedCounter {
    private final AtomicInteger hits = new AtomicInteger();

    /** A lost update: get, then set. */
    public void increment() {
        hits.set(hits.get() + 1);
    }

    public int hits() {
        return hits.get();
    }
}
