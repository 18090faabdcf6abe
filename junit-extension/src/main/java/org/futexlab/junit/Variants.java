package org.futexlab.junit;

import java.util.Set;

/**
 * The read-only set of variant ids active for this run: each names one upstream fix that the model under test
 * reverts. Set by the configuration parameter {@code futex.variants} (comma-separated), which
 * {@code mvn futex:verify} sets once per run; empty for the baseline.
 */
public interface Variants {
    /**
     * Tells whether a variant is active.
     *
     * @param id a variant id from the catalog, such as {@code futex-pi-recursive-waiter}
     * @return true when that fix is reverted in this run
     */
    boolean isActive(String id);

    /** @return the active ids, in catalog order; unmodifiable */
    Set<String> ids();

    /** @return true for the baseline run (no fix reverted) */
    default boolean isBaseline() {
        return ids().isEmpty();
    }

    /**
     * @param ids variant ids
     * @return a read-only set of them, as a {@link Scenario} sees it
     */
    static Variants of(Set<String> ids) {
        return CurrentVariants.of(ids);
    }

    /**
     * The variants of the exploration running in this JVM: for code that is not handed a {@link Scenario}, such
     * as the operations class of a {@linkplain Scenario#linearizable linearizability check}, which Lincheck
     * instantiates. Explorations that run at the same time in one JVM with different variants are not supported
     * ({@code mvn futex:verify} runs each variant in its own JVM).
     *
     * @return the active variants; the baseline outside an exploration
     */
    static Variants current() {
        return CurrentVariants.get();
    }
}
