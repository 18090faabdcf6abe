package org.futexlab.textbook.junit;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.Variants;

/** A tiny model with one variant: the fixed increment, or the get-then-set it replaced. */
final class Counter {
    private final AtomicInteger value = new AtomicInteger();
    private final boolean lostUpdate;

    Counter(Variants variants) {
        this.lostUpdate = variants.isActive("sample-lost-update");
    }

    void increment() {
        if (lostUpdate) {
            value.set(value.get() + 1);
        } else {
            value.incrementAndGet();
        }
    }

    int get() {
        return value.get();
    }
}
