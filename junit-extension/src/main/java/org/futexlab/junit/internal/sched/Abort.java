package org.futexlab.junit.internal.sched;

/**
 * Thrown into a logical thread to unwind it when its run is aborted (a failure elsewhere, a pruned schedule); never
 * seen by the user. Stackless and preallocated ({@code Run.ABORT_ERROR}): it is thrown on every live thread of
 * every aborted schedule.
 */
final class Abort extends Error {
    private static final long serialVersionUID = 1L;

    Abort() {
        super("schedule aborted", null, false, false);
    }
}
