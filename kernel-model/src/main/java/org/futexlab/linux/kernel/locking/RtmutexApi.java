package org.futexlab.linux.kernel.locking;

import org.futexlab.linux.kernel.sched.HrtimerSleeper;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.kernel.sched.WakeQ;
import org.futexlab.linux.uapi.Errno;

/**
 * kernel/locking/rtmutex_api.c: the proxy-lock API futexes use to block on an rt_mutex on behalf of a task
 * (start, wait, cleanup) and to hand a PI futex's rt_mutex to the next owner.
 */
public final class RtmutexApi {
    private RtmutexApi() {}

    /** rt_mutex_init_proxy_locked(): a new rt_mutex, owned by proxyOwner (not yet visible to anyone). */
    public static void rtMutexInitProxyLocked(RtMutexBase lock, Task proxyOwner) {
        lock.owner.set(proxyOwner.asOwner);
    }

    /** rt_mutex_proxy_unlock(): the lock is released without waking anyone (its futex state is going away). */
    public static void rtMutexProxyUnlock(RtMutexBase lock) {
        RtmutexCore.rtMutexClearOwner(lock);
    }

    /**
     * __rt_mutex_start_proxy_lock(): takes the lock for task, or enqueues waiter for it with a full chain walk.
     * The caller holds wait_lock: futex_lock_pi() took it before dropping hb->lock, so that no unlocker can see
     * the futex_q without this waiter (docs/model.md A.5.3).
     *
     * @return 1 when task now owns the lock, 0 when it is enqueued, &lt; 0 on deadlock
     */
    public static int rtMutexStartProxyLockLocked(RtMutexBase lock, RtMutexWaiter waiter, Task task) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex_api.c __rt_mutex_start_proxy_lock");
        if (RtmutexCore.tryToTakeRtMutex(lock, task, null)) {
            return 1;
        }
        int ret = RtmutexCore.taskBlocksOnRtMutex(lock, waiter, task, RtmutexCore.RT_MUTEX_FULL_CHAINWALK);
        if (ret != 0 && lock.rtMutexOwner() == null) {
            ret = 0; // the owner went away; the waiter will take the lock
        }
        return ret;
    }

    /** rt_mutex_start_proxy_lock(): the same, taking wait_lock; a failed attempt leaves no waiter behind. */
    public static int rtMutexStartProxyLock(RtMutexBase lock, RtMutexWaiter waiter, Task task) {
        lock.waitLock.rawSpinLockIrqsave();
        int ret = rtMutexStartProxyLockLocked(lock, waiter, task);
        if (ret < 0) {
            RtmutexCore.removeWaiterFor(lock, waiter, task);
        }
        lock.waitLock.rawSpinUnlockIrqrestore();
        return ret;
    }

    /**
     * rt_mutex_wait_proxy_lock(): the current task, enqueued by a proxy start, sleeps until it owns the lock,
     * its timeout fires or a signal arrives.
     *
     * @return 0 when it owns the lock; -ETIMEDOUT or -EINTR, and then its waiter is <em>still enqueued</em>
     */
    public static int rtMutexWaitProxyLock(RtMutexBase lock, HrtimerSleeper to, RtMutexWaiter waiter) {
        lock.waitLock.rawSpinLockIrqsave();
        Sched.setCurrentState(Task.TASK_INTERRUPTIBLE);
        int ret = rtMutexSlowlockBlock(lock, Task.TASK_INTERRUPTIBLE, to, waiter);
        RtmutexCore.fixupRtMutexWaiters(lock);
        lock.waitLock.rawSpinUnlockIrqrestore();
        return ret;
    }

    /**
     * rt_mutex_slowlock_block(): loop: take the lock as waiter, or give up on timeout or signal, or sleep with
     * wait_lock dropped. Entered and left with wait_lock held, so that each attempt and the decision to sleep are
     * one step against the unlocker.
     */
    static int rtMutexSlowlockBlock(RtMutexBase lock, int state, HrtimerSleeper to, RtMutexWaiter waiter) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c rt_mutex_slowlock_block");
        Task cur = Task.current();
        int ret;
        for (;;) {
            if (RtmutexCore.tryToTakeRtMutex(lock, cur, waiter)) {
                ret = 0;
                break;
            }
            if (to != null && to.expired()) {
                ret = -Errno.ETIMEDOUT;
                break;
            }
            if (Signal.signalPendingState(state, cur)) {
                ret = -Errno.EINTR;
                break;
            }
            lock.waitLock.rawSpinUnlockIrqrestore();
            if (to != null) {
                Sched.scheduleHrtimeout(to.deadline());
            } else {
                Sched.schedule();
            }
            lock.waitLock.rawSpinLockIrqsave();
            Sched.setCurrentState(state);
        }
        Sched.setCurrentStateNoBarrier(Task.TASK_RUNNING);
        return ret;
    }

    /**
     * rt_mutex_cleanup_proxy_lock(): after a failed wait, either the task got the lock after all (false) or
     * its waiter is removed (true).
     */
    public static boolean rtMutexCleanupProxyLock(RtMutexBase lock, RtMutexWaiter waiter) {
        Task cur = Task.current();
        lock.waitLock.rawSpinLockIrqsave();
        RtmutexCore.tryToTakeRtMutex(lock, cur, waiter);
        boolean cleanup = false;
        if (lock.rtMutexOwner() != cur) {
            RtmutexCore.removeWaiter(lock, waiter);
            cleanup = true;
        }
        RtmutexCore.fixupRtMutexWaiters(lock);
        lock.waitLock.rawSpinUnlockIrqrestore();
        return cleanup;
    }

    /** rt_mutex_futex_trylock(). */
    public static boolean rtMutexFutexTrylock(RtMutexBase lock) {
        lock.waitLock.rawSpinLockIrqsave();
        boolean ret = RtmutexCore.tryToTakeRtMutex(lock, Task.current(), null);
        lock.waitLock.rawSpinUnlockIrqrestore();
        return ret;
    }

    /**
     * __rt_mutex_futex_unlock(), by the owner with wait_lock held (wake_futex_pi() has just changed the user word
     * under it). Without waiters the lock is free; otherwise the top waiter is queued for waking and the lock
     * waits for it.
     *
     * @return whether a wake-up is pending (rt_mutex_postunlock must follow)
     */
    public static boolean rtMutexFutexUnlockLocked(RtMutexBase lock, WakeQ wq) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex_api.c __rt_mutex_futex_unlock");
        if (!lock.rtMutexHasWaiters()) {
            lock.owner.set(null);
            return false;
        }
        RtmutexCore.markWakeupNextWaiter(wq, lock);
        return true;
    }

    /** rt_mutex_futex_unlock(). */
    public static void rtMutexFutexUnlock(RtMutexBase lock) {
        WakeQ wq = new WakeQ();
        lock.waitLock.rawSpinLockIrqsave();
        boolean post = rtMutexFutexUnlockLocked(lock, wq);
        lock.waitLock.rawSpinUnlockIrqrestore();
        if (post) {
            wq.wakeUpQ();
        }
    }
}
