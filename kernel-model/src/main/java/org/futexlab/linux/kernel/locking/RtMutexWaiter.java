package org.futexlab.linux.kernel.locking;

import org.futexlab.linux.kernel.sched.Task;

/**
 * struct rt_mutex_waiter: a task's entry in a lock's waiter tree (and, as the top waiter, in the owner's
 * pi_waiters). Lives on the waiting task's stack in the kernel.
 */
public final class RtMutexWaiter {
    Task task;
    RtMutexBase lock;
    int prio;
    long seq;
    /** TASK_NORMAL, or TASK_RTLOCK_WAIT for a spinlock_t waiter on PREEMPT_RT (rt_mutex_init_rtlock_waiter). */
    final int wakeState;
    boolean queued;
    boolean queuedPi;

    /** rt_mutex_init_waiter(). */
    public RtMutexWaiter() {
        this(Task.TASK_NORMAL);
    }

    RtMutexWaiter(int wakeState) {
        this.wakeState = wakeState;
    }

    public Task task() {
        return task;
    }

    public RtMutexBase lock() {
        return lock;
    }

    public int prio() {
        return prio;
    }

    /** @return whether the waiter is in its lock's waiter tree */
    public boolean isQueued() {
        return queued;
    }

    @Override
    public String toString() {
        return "waiter of " + task + " on " + lock + " (prio " + prio + ")";
    }

    /** rt_waiter_node_less(): higher priority (lower value) first, then first come. */
    static boolean less(RtMutexWaiter a, RtMutexWaiter b) {
        return a.prio < b.prio || a.prio == b.prio && a.seq < b.seq;
    }
}
