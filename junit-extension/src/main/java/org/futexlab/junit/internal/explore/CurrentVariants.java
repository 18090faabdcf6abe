package org.futexlab.junit.internal.explore;

import java.util.Set;
import org.futexlab.junit.Variants;

/** Holds the variants of the exploration running in this JVM, for {@link Variants#current()}. Not an API. */
public final class CurrentVariants {
    private CurrentVariants() {}

    private static final Variants BASELINE = new ScenarioImpl.VariantSet(Set.of());
    private static volatile Variants current = BASELINE;
    /** Explorations running now (JUnit may run several at once); all must share the variants. */
    private static int running;

    /** @return the variants of the running exploration, or the baseline */
    public static Variants get() {
        return current;
    }

    /**
     * @throws IllegalStateException when an exploration with other variants is running: {@link Variants#current()}
     *     could not tell the two apart, and would answer one of them wrongly
     */
    static synchronized void enter(Variants v) {
        if (running > 0 && !current.ids().equals(v.ids())) {
            throw new IllegalStateException("explorations with different variants run at once in this JVM ("
                    + current + " and " + v + "); Variants.current() cannot tell them apart: run them one after "
                    + "the other, or in separate JVMs");
        }
        current = v;
        running++;
    }

    static synchronized void exit() {
        if (--running == 0) {
            current = BASELINE;
        }
    }
}
