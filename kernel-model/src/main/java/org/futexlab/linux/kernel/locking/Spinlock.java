package org.futexlab.linux.kernel.locking;

import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Task;

/**
 * spinlock_t. Without PREEMPT_RT a raw spinlock. With PREEMPT_RT an "rtlock" (kernel/locking/spinlock_rt.c): a
 * sleeping lock on an rt_mutex_base with priority inheritance; preemption stays enabled, spin_lock_irq() does
 * not disable interrupts, and contention blocks the task in TASK_RTLOCK_WAIT, through an rt_mutex waiter of its
 * own (docs/model.md 0.2).
 */
public final class Spinlock {
    private final Kernel kernel;
    private final String name;
    private final RawSpinlock raw;
    private final RtMutexBase rtm;
    /** Debug, as RawSpinlock's: the task that holds the rtlock form, written only by it while it holds it. */
    private Task rtHolder;

    public Spinlock(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
        boolean rt = kernel.config().preemptRt();
        this.raw = rt ? null : new RawSpinlock(kernel, name);
        this.rtm = rt ? new RtMutexBase(kernel, name) : null;
    }

    public String name() {
        return name;
    }

    /** @return whether the current task holds this lock, in its raw or its rtlock form (lockdep_is_held()) */
    public boolean heldByCurrent() {
        if (raw != null) {
            return raw.heldByCurrent();
        }
        Task cur = Task.currentOrNull();
        return cur != null && rtHolder == cur;
    }

    /** spin_lock(). */
    public void spinLock() {
        if (raw != null) {
            raw.rawSpinLock();
        } else {
            rtSpinLock();
        }
    }

    /** spin_unlock(). */
    public void spinUnlock() {
        if (raw != null) {
            raw.rawSpinUnlock();
        } else {
            rtSpinUnlock();
        }
    }

    /** spin_lock_irq(): on PREEMPT_RT interrupts stay enabled. */
    public void spinLockIrq() {
        if (raw != null) {
            raw.rawSpinLockIrqsave();
        } else {
            rtSpinLock();
        }
    }

    /** spin_unlock_irq(). */
    public void spinUnlockIrq() {
        if (raw != null) {
            raw.rawSpinUnlockIrqrestore();
        } else {
            rtSpinUnlock();
        }
    }

    /** rt_spin_lock(): might_sleep check, lockdep, rtlock_lock, then rcu_read_lock and migrate_disable. */
    private void rtSpinLock() {
        Preempt.mightResched("kernel/locking/spinlock_rt.c:46", 0);
        kernel.lockdep().acquire(this, name);
        kernel.lockdep().assertNotPiBlocked("spinlock_rt.c: rtlock_lock");
        Task cur = Task.current();
        if (!rtm.owner.compareAndSet(null, cur.asOwner)) {
            rtlockSlowlock(cur);
        }
        rtHolder = cur;
        cur.rcuReadLockNesting++;
        cur.migrateDisabled++;
    }

    private void rtSpinUnlock() {
        Task cur = Task.current();
        if (rtHolder == cur) {
            rtHolder = null;
        }
        cur.migrateDisabled--;
        cur.rcuReadLockNesting--;
        kernel.lockdep().release(this);
        if (!rtm.owner.compareAndSet(cur.asOwner, null)) {
            RtmutexCore.rtMutexSlowunlock(rtm);
        }
    }

    /**
     * rtlock_slowlock_locked(): block on the rtlock with an rt_mutex waiter in TASK_RTLOCK_WAIT, keeping the
     * state the task had; regular wake-ups meanwhile land in the saved state.
     */
    private void rtlockSlowlock(Task cur) {
        rtm.waitLock.rawSpinLockIrqsave();
        if (RtmutexCore.tryToTakeRtMutex(rtm, cur, null)) {
            rtm.waitLock.rawSpinUnlockIrqrestore();
            return;
        }
        RtMutexWaiter waiter = new RtMutexWaiter(Task.TASK_RTLOCK_WAIT);
        Sched.currentSaveAndSetRtlockWaitState();
        RtmutexCore.taskBlocksOnRtMutex(rtm, waiter, cur, RtmutexCore.RT_MUTEX_MIN_CHAINWALK);
        for (;;) {
            if (RtmutexCore.tryToTakeRtMutex(rtm, cur, waiter)) {
                break;
            }
            rtm.waitLock.rawSpinUnlockIrqrestore();
            Sched.schedule();
            rtm.waitLock.rawSpinLockIrqsave();
            Sched.setCurrentStateNoBarrier(Task.TASK_RTLOCK_WAIT);
        }
        Sched.currentRestoreRtlockSavedState();
        RtmutexCore.fixupRtMutexWaiters(rtm);
        rtm.waitLock.rawSpinUnlockIrqrestore();
    }

    @Override
    public String toString() {
        return name;
    }
}
