package org.futexlab.junit;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Holds the variants of the explorations running in this JVM, for {@link Variants#current()}. */
final class CurrentVariants {
    private CurrentVariants() {}

    private static final Variants BASELINE = of(Set.of());
    private static volatile Variants current = BASELINE;
    /** Explorations running now (JUnit may run several at once); all must share the variants. */
    private static int running;

    /** @return a read-only variant set */
    static Variants of(Set<String> ids) {
        Set<String> copy = Collections.unmodifiableSet(new LinkedHashSet<>(ids));
        return new Variants() {
            @Override
            public boolean isActive(String id) {
                return copy.contains(id);
            }

            @Override
            public Set<String> ids() {
                return copy;
            }

            @Override
            public String toString() {
                return copy.isEmpty() ? "baseline" : String.join(",", copy);
            }
        };
    }

    /** @return the variants of the running exploration, or the baseline */
    static Variants get() {
        return current;
    }

    /**
     * @throws IllegalStateException when an exploration with other variants is running: {@link Variants#current()}
     *     could not tell the two apart, and would answer one of them wrongly
     */
    static synchronized void enter(Set<String> ids) {
        if (running > 0 && !current.ids().equals(ids)) {
            throw new IllegalStateException("explorations with different variants run at once in this JVM ("
                    + current + " and " + of(ids) + "); Variants.current() cannot tell them apart: run them one "
                    + "after the other, or in separate JVMs");
        }
        current = of(ids);
        running++;
    }

    static synchronized void exit() {
        if (--running == 0) {
            current = BASELINE;
        }
    }
}
