package org.futexlab.junit.internal.sched;

/**
 * Makes the scheduling decisions of one run. The run calls {@link #choose} at every scheduling point where a
 * choice exists, with a {@link Decision} that shows the enabled candidates (thread ids ascending) and their
 * modes; the chooser returns an index into them, or {@link #PRUNE} to abandon a run already covered by another
 * (a sleep-set blocked execution of the exhaustive search).
 */
public interface Chooser {
    int PRUNE = -1;

    /**
     * @param d the decision, positioned before step {@link Decision#steps()}
     * @param n number of candidates, at least 1
     * @return the index of the chosen candidate, or {@link #PRUNE}
     */
    int choose(Decision d, int n);

    /**
     * Called after a thread is created (declared threads before the first decision).
     *
     * @param d the run
     * @param t the new thread
     */
    default void onThreadCreated(Decision d, LogicalThread t) {}

    /**
     * Called after the chosen thread's step was applied to the model.
     *
     * @param d the run, with the step counted
     * @param t the thread that took it; its pending operation is the step it took
     * @param mode how the step completed
     */
    default void onStep(Decision d, LogicalThread t, int mode) {}

    /**
     * Called when a thread terminates, right after its last step.
     *
     * @param d the run
     * @param t the thread
     */
    default void onThreadEnd(Decision d, LogicalThread t) {}
}
