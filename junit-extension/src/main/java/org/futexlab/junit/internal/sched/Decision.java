package org.futexlab.junit.internal.sched;

/**
 * What a {@link Chooser} sees of a run at a scheduling decision: the enabled candidates and their modes, who took
 * the last step, whether switching away from it is free, the preemptions so far, and read-only views of the
 * threads. Valid only during the call it is passed to; the arrays are the run's own and must not be kept.
 */
public interface Decision {
    /** @return the steps taken so far: the index of the step being decided */
    int steps();

    /** @return the enabled candidates' thread ids, ascending; the first {@link #candidateCount()} are valid */
    int[] candidates();

    /** @return the candidates' completion modes ({@code Op.NORMAL}, {@code SPURIOUS}, {@code TIMEOUT}), parallel to them */
    int[] candidateModes();

    /** @return the number of candidates, at least 1 */
    int candidateCount();

    /** @return the thread that took the last step, or -1 before the first */
    int currentThread();

    /** @return whether switching away from the current thread is free: it blocked, yielded, spun or ended */
    boolean currentFree();

    /**
     * @param id a thread id
     * @return whether choosing it now would be a preemption
     */
    boolean isPreemption(int id);

    /** @return preemptions so far */
    int preemptions();

    /** @return the threads created so far, live or ended */
    int threadCount();

    /**
     * @param id a thread id, below {@link #threadCount()}
     * @return the thread, for its pending operation and history (read only)
     */
    LogicalThread thread(int id);
}
