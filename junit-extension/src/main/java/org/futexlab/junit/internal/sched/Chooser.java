package org.futexlab.junit.internal.sched;

/**
 * Makes the scheduling decisions of one run. The run calls {@link #choose} at every scheduling point with the
 * enabled candidates in {@link Run#candidates()} (thread ids ascending) and their modes; the chooser returns
 * an index into them, or {@link #PRUNE} to abandon a run already covered by another (a sleep-set blocked
 * execution of the exhaustive search).
 */
public interface Chooser {
    int PRUNE = -1;

    /**
     * @param run the run, positioned before step {@link Run#steps()}
     * @param n number of candidates, at least 1
     * @return the index of the chosen candidate, or {@link #PRUNE}
     */
    int choose(Run run, int n);

    /** Called after a thread is created (declared threads before the first decision). */
    default void onThreadCreated(Run run, LogicalThread t) {}

    /** Called after the chosen thread's step was applied to the model. */
    default void onStep(Run run, LogicalThread t, int mode) {}

    /** Called when a thread terminates, right after its last step. */
    default void onThreadEnd(Run run, LogicalThread t) {}
}
