package org.futexlab.linux.kernel.sched;

import java.util.concurrent.locks.LockSupport;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;

/**
 * kernel/sched/core.c: sleeping and waking. schedule() parks the task's thread; try_to_wake_up() unparks it.
 * A park may return without a wake-up, which the model takes for a spurious wake-up (unless the host says
 * otherwise, {@link org.futexlab.linux.KernelConfig#parkReturnWakes}), and model code loops around every sleep,
 * exactly as kernel code must (docs/model.md 0.4: wake-ups can be spurious).
 */
public final class Sched {
    private Sched() {}

    /** set_current_state(): with the full barrier the waker's condition check pairs with. */
    public static void setCurrentState(int state) {
        Task.current().state.set(state);
    }

    /** __set_current_state(). */
    public static void setCurrentStateNoBarrier(int state) {
        Task.current().state.set(state);
    }

    /**
     * schedule(): sleeps unless the task's state is RUNNING (a wake-up raced with going to sleep) or a signal
     * it can be woken by is pending. Returns after a wake-up, or spuriously (see {@link #sleep}).
     */
    public static void schedule() {
        sleep(NO_DEADLINE);
    }

    /**
     * schedule() with an hrtimer sleeper armed for an absolute CLOCK_MONOTONIC deadline: the timer's expiry
     * wakes the task (under the controlled scheduler, a timeout the scheduler chooses).
     */
    public static void scheduleHrtimeout(long deadline) {
        sleep(deadline);
    }

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * What both share. A return from park with the task still asleep is a spurious wake-up when the kernel's
     * {@code parkReturnWakes} is on (the default: the controlled scheduler's bounded spurious wake-ups reach the
     * model this way); off, the task sleeps on until a waker, a signal or its timer makes it runnable, as the
     * kernel's schedule() does.
     */
    private static void sleep(long deadline) {
        Task cur = Task.current();
        checkScheduleAtomic(cur);
        if (!mustSleep(cur, deadline)) {
            return;
        }
        cur.nvcsw++;
        do {
            if (deadline == NO_DEADLINE) {
                LockSupport.park(cur);
            } else {
                LockSupport.parkNanos(cur, deadline - cur.kernel().ktimeGet());
            }
        } while (!cur.kernel().config().parkReturnWakes() && mustSleep(cur, deadline));
    }

    /**
     * @return false when there is nothing to sleep for: the task is RUNNING, or a signal it can be woken by is
     *     pending, or its deadline passed (the last two make it RUNNING, as their wake-ups would)
     */
    private static boolean mustSleep(Task cur, long deadline) {
        int s = cur.state.get();
        if (s == Task.TASK_RUNNING) {
            return false;
        }
        if (Signal.signalPendingState(s, cur) || deadline != NO_DEADLINE && deadline - cur.kernel().ktimeGet() <= 0) {
            cur.state.set(Task.TASK_RUNNING);
            return false;
        }
        return true;
    }

    /** B-S2: schedule() entered with preemption disabled. */
    private static void checkScheduleAtomic(Task cur) {
        if (cur.preemptCount > 0) {
            Splat.report(Symptom.B_S2, String.format("BUG: scheduling while atomic: %s/%d/0x%08x", cur.comm(),
                    cur.pid(), cur.preemptCount), true);
        }
    }

    /**
     * wake_up_process().
     *
     * @return whether the task was woken
     */
    public static boolean wakeUpProcess(Task p) {
        return tryToWakeUp(p, Task.TASK_NORMAL);
    }

    /** wake_up_state(). */
    public static boolean wakeUpState(Task p, int state) {
        return tryToWakeUp(p, state);
    }

    /**
     * try_to_wake_up(): under p->pi_lock, wakes p if its state matches. A task blocked on an RT lock
     * (TASK_RTLOCK_WAIT) is not woken by a regular wake-up: its saved state becomes RUNNING instead, and it
     * returns to it once it has the lock.
     */
    public static boolean tryToWakeUp(Task p, int mask) {
        p.piLock.rawSpinLockIrqsave();
        try {
            int s = p.state.get();
            if ((s & mask) == 0) {
                if (s == Task.TASK_RTLOCK_WAIT && (p.savedState & mask) != 0) {
                    p.savedState = Task.TASK_RUNNING;
                    return true;
                }
                return false;
            }
            p.state.set(Task.TASK_RUNNING);
        } finally {
            p.piLock.rawSpinUnlockIrqrestore();
        }
        Thread t = p.thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        return true;
    }

    /**
     * current_save_and_set_rtlock_wait_state(): entering an RT lock's slow path, keep the state the task had
     * (it may be going to sleep for another reason) and block in TASK_RTLOCK_WAIT.
     */
    public static void currentSaveAndSetRtlockWaitState() {
        Task cur = Task.current();
        cur.piLock.rawSpinLock();
        cur.savedState = cur.state.get();
        cur.state.set(Task.TASK_RTLOCK_WAIT);
        cur.piLock.rawSpinUnlock();
    }

    /** current_restore_rtlock_saved_state(). */
    public static void currentRestoreRtlockSavedState() {
        Task cur = Task.current();
        cur.piLock.rawSpinLock();
        cur.state.set(cur.savedState);
        cur.savedState = Task.TASK_RUNNING;
        cur.piLock.rawSpinUnlock();
    }

    /** cond_resched(): a voluntary preemption point. */
    public static void condResched() {
        Thread.yield();
    }

    /** sched_yield(2): the caller gives the CPU to any other runnable task; always succeeds. */
    public static int sysSchedYield() {
        Thread.yield();
        return 0;
    }
}
