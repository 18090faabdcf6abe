package org.futexlab.junit.internal.explore;

import java.util.Set;
import org.futexlab.junit.Variants;

/** Holds the variants of the exploration running in this JVM, for {@link Variants#current()}. Not an API. */
public final class CurrentVariants {
    private CurrentVariants() {}

    private static final Variants BASELINE = new ScenarioImpl.VariantSet(Set.of());
    private static volatile Variants current = BASELINE;

    /** @return the variants of the running exploration, or the baseline */
    public static Variants get() {
        return current;
    }

    static void set(Variants v) {
        current = v == null ? BASELINE : v;
    }
}
