package org.futexlab.declared;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lost update in a package that no test names: it is instrumented only because this test class path declares
 * the package in META-INF/futex/instrument, as a model library does.
 */
public final class LostUpdate {
    private final AtomicInteger value = new AtomicInteger();

    public void increment() {
        value.set(value.get() + 1);
    }

    public int get() {
        return value.get();
    }
}
