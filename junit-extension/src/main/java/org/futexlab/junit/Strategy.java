package org.futexlab.junit;

/**
 * How a {@link KernelScenario} chooses the schedules it runs.
 *
 * <p>Every strategy is deterministic for a given {@code seed}: the same settings explore the same schedules in
 * the same order, so a CI failure reproduces on a laptop even without its replay token.
 */
public enum Strategy {
    /** Each decision picks uniformly among the runnable threads; spurious wake-ups and timeouts now and then. */
    RANDOM,
    /**
     * Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): random thread priorities and
     * {@code pctDepth - 1} random priority change points per schedule. Finds a bug of depth d with probability
     * at least 1/(n k^(d-1)) per schedule for n threads and k steps.
     */
    PCT,
    /**
     * Preemption-bounded depth-first search with dynamic partial-order reduction (race-driven backtracking,
     * sleep sets, and the conservative backtracking points of bounded POR, Coons et al., OOPSLA 2013). When it
     * completes within its budget it proves that no schedule with at most {@code maxPreemptions} preemptions fails.
     */
    EXHAUSTIVE
}
