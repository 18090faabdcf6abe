package org.futexlab.linux.kernel.sched;

import org.futexlab.linux.Kernel;

/**
 * struct hrtimer_sleeper: a timeout at an absolute CLOCK_MONOTONIC time. Its expiry is the timer firing; in
 * the model it is read from the clock, which is virtual time under the controlled scheduler.
 */
public final class HrtimerSleeper {
    private final Kernel kernel;
    private final long deadline;

    public HrtimerSleeper(Kernel kernel, long deadlineMonotonic) {
        this.kernel = kernel;
        this.deadline = deadlineMonotonic;
    }

    /** @return the absolute CLOCK_MONOTONIC expiry */
    public long deadline() {
        return deadline;
    }

    /** @return whether the timer has fired ({@code to->task == NULL}) */
    public boolean expired() {
        return kernel.ktimeGet() >= deadline;
    }
}
