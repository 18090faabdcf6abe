package org.futexlab.linux.kernel.locking;

import java.util.List;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.kernel.sched.WakeQ;
import org.futexlab.linux.uapi.Errno;

/**
 * kernel/locking/rtmutex.c: taking, blocking on and releasing an rt_mutex, priority inheritance and the PI
 * chain walk (docs/model.md A.1).
 *
 * <p>Lock order: a lock's wait_lock, then task->pi_lock. The chain walk relies on "a task has at most one
 * enqueued waiter, and pi_blocked_on points at it" (docs/model.md A.5.1); {@link #checkWaiters} checks that after every
 * change and reports A-S1 (two waiters enqueued) or A-S2 (pi_blocked_on is not the enqueued waiter).
 *
 * <p>Named RtmutexCore rather than after its file: {@link RtMutex} (struct rt_mutex) would differ from
 * "Rtmutex" only in letter case, which case-insensitive file systems (macOS, Windows) cannot check out.
 */
public final class RtmutexCore {
    private RtmutexCore() {}

    /** Chain-walk modes (enum rtmutex_chainwalk). */
    public static final int RT_MUTEX_MIN_CHAINWALK = 0, RT_MUTEX_FULL_CHAINWALK = 1;
    /** max_lock_depth. */
    static final int MAX_LOCK_DEPTH = 1024;

    // -------------------------------------------------------------------- owner word

    /** mark_rt_mutex_waiters(): set HAS_WAITERS so the unlock fast path fails. */
    static void markRtMutexWaiters(RtMutexBase lock) {
        for (;;) {
            RtMutexBase.Owner o = lock.owner.get();
            RtMutexBase.Owner w = o == null ? RtMutexBase.WAITERS_NO_OWNER
                    : o.task() == null ? o : o.task().asOwnerWithWaiters;
            if (o == w || lock.owner.compareAndSet(o, w)) {
                return;
            }
        }
    }

    /** rt_mutex_set_owner(): the owner, with HAS_WAITERS if there are waiters. */
    static void rtMutexSetOwner(RtMutexBase lock, Task owner) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c rt_mutex_set_owner");
        lock.owner.set(lock.rtMutexHasWaiters() ? owner.asOwnerWithWaiters : owner.asOwner);
    }

    /** rt_mutex_clear_owner(). */
    static void rtMutexClearOwner(RtMutexBase lock) {
        lock.owner.set(lock.rtMutexHasWaiters() ? RtMutexBase.WAITERS_NO_OWNER : null);
    }

    /**
     * fixup_rt_mutex_waiters(): drop a stale HAS_WAITERS bit once the tree is empty. Under wait_lock, which every
     * HAS_WAITERS setter holds too, so the bit cannot be set again under us.
     */
    public static void fixupRtMutexWaiters(RtMutexBase lock) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c fixup_rt_mutex_waiters");
        RtMutexBase.Owner o = lock.owner.get();
        if (o != null && o.hasWaiters() && !lock.rtMutexHasWaiters()) {
            lock.owner.set(o.task() == null ? null : o.task().asOwner);
        }
    }

    // -------------------------------------------------------------------- trees

    /** rt_mutex_enqueue(): into the lock's waiter tree, which wait_lock protects. */
    static void rtMutexEnqueue(RtMutexBase lock, RtMutexWaiter waiter) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c rt_mutex_enqueue");
        int i = 0;
        while (i < lock.waiters.size() && !RtMutexWaiter.less(waiter, lock.waiters.get(i))) {
            i++;
        }
        lock.waiters.add(i, waiter);
        waiter.queued = true;
        waiter.task.rtWaiters.add(waiter);
    }

    /** rt_mutex_dequeue(). */
    static void rtMutexDequeue(RtMutexBase lock, RtMutexWaiter waiter) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c rt_mutex_dequeue");
        if (!waiter.queued) {
            return;
        }
        lock.waiters.remove(waiter);
        waiter.queued = false;
        waiter.task.rtWaiters.remove(waiter);
    }

    /** rt_mutex_enqueue_pi(): into the owner's pi_waiters, which its pi_lock protects. */
    static void rtMutexEnqueuePi(Task task, RtMutexWaiter waiter) {
        Lockdep.lockdepAssertHeld(task.piLock, "kernel/locking/rtmutex.c rt_mutex_enqueue_pi");
        int i = 0;
        while (i < task.piWaiters.size() && !RtMutexWaiter.less(waiter, task.piWaiters.get(i))) {
            i++;
        }
        task.piWaiters.add(i, waiter);
        waiter.queuedPi = true;
    }

    /** rt_mutex_dequeue_pi(). */
    static void rtMutexDequeuePi(Task task, RtMutexWaiter waiter) {
        Lockdep.lockdepAssertHeld(task.piLock, "kernel/locking/rtmutex.c rt_mutex_dequeue_pi");
        if (waiter != null && task.piWaiters.remove(waiter)) {
            waiter.queuedPi = false;
        }
    }

    /**
     * rt_mutex_adjust_prio(): the task runs at the higher of its own and its top PI waiter's priority. Under its
     * pi_lock, which keeps pi_waiters still while the top one is read.
     */
    static void rtMutexAdjustPrio(Task p) {
        Lockdep.lockdepAssertHeld(p.piLock, "kernel/locking/rtmutex.c rt_mutex_adjust_prio");
        int prio = p.normalPrio();
        if (!p.piWaiters.isEmpty()) {
            prio = Math.min(prio, p.piWaiters.get(0).prio);
        }
        p.setPrio(prio);
    }

    // -------------------------------------------------------------------- debug checks (DEBUG_RT_MUTEXES)

    /** Invariant docs/model.md A.5.1: at most one enqueued waiter per task, and pi_blocked_on is it (NULL iff none). */
    static void checkWaiters(Task t) {
        List<RtMutexWaiter> mine = t.rtWaiters;
        if (mine.size() >= 2) {
            StringBuilder sb = new StringBuilder("WARNING: CPU: 0 PID: " + t.pid()
                    + " at kernel/locking/rtmutex.c task_blocks_on_rt_mutex\n"
                    + "DEBUG_LOCKS_WARN_ON(task->pi_blocked_on): task " + t + " has " + mine.size()
                    + " rt_mutex waiters enqueued:");
            for (RtMutexWaiter w : mine) {
                sb.append("\n  ").append(w);
            }
            Splat.report(Symptom.A_S1, sb.toString(), false);
        }
        RtMutexWaiter b = t.piBlockedOn;
        boolean consistent = mine.isEmpty() ? b == null : mine.size() == 1 && b == mine.get(0);
        if (!consistent && mine.size() < 2) {
            Splat.report(Symptom.A_S2, "WARNING: CPU: 0 PID: " + t.pid() + " at kernel/locking/rtmutex.c\n"
                    + "task " + t + ": pi_blocked_on is " + (b == null ? "NULL" : b.toString()) + " but "
                    + (mine.isEmpty() ? "no waiter is enqueued" : "the enqueued waiter is " + mine.get(0)), false);
        }
    }

    // -------------------------------------------------------------------- taking and blocking

    /**
     * try_to_take_rt_mutex(). Marks HAS_WAITERS (so that the owner's unlock fast path fails and it comes to
     * wait_lock, which the caller holds); fails while owned; a waiter takes the lock only as the top waiter, a
     * task without waiter only when it beats the top waiter (steal). On success the task is no longer blocked,
     * the new top waiter joins its PI waiters, and it owns the lock.
     */
    public static boolean tryToTakeRtMutex(RtMutexBase lock, Task task, RtMutexWaiter waiter) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c try_to_take_rt_mutex");
        markRtMutexWaiters(lock);
        if (lock.rtMutexOwner() != null) {
            return false;
        }
        if (waiter != null) {
            RtMutexWaiter top = lock.rtMutexTopWaiter();
            if (waiter != top && !(waiter.wakeState == Task.TASK_RTLOCK_WAIT && top != null
                    && waiter.prio <= top.prio)) {
                return false;
            }
            rtMutexDequeue(lock, waiter);
        } else if (lock.rtMutexHasWaiters()) {
            RtMutexWaiter top = lock.rtMutexTopWaiter();
            if (!(task.prio() < top.prio)) {
                return false;
            }
        }
        task.piLock.rawSpinLock();
        task.piBlockedOn = null;
        if (lock.rtMutexHasWaiters()) {
            rtMutexEnqueuePi(task, lock.rtMutexTopWaiter());
        }
        task.piLock.rawSpinUnlock();
        rtMutexSetOwner(lock, task);
        checkWaiters(task);
        return true;
    }

    /**
     * task_blocks_on_rt_mutex(). Enqueues the waiter, blocks the task on it, boosts the owner and, when needed,
     * walks the PI chain (dropping the caller's wait_lock meanwhile, and taking it again before returning).
     */
    public static int taskBlocksOnRtMutex(RtMutexBase lock, RtMutexWaiter waiter, Task task, int chwalk) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c task_blocks_on_rt_mutex");
        Task owner = lock.rtMutexOwner();
        if (owner == task) {
            return -Errno.EDEADLK;
        }
        task.piLock.rawSpinLock();
        waiter.task = task;
        waiter.lock = lock;
        waiter.prio = task.prio();
        waiter.seq = task.kernel().nextSequence();
        RtMutexWaiter top = lock.rtMutexTopWaiter();
        rtMutexEnqueue(lock, waiter);
        task.piBlockedOn = waiter;
        task.piLock.rawSpinUnlock();
        checkWaiters(task);
        if (owner == null) {
            return 0;
        }
        boolean walk = false;
        owner.piLock.rawSpinLock();
        if (waiter == lock.rtMutexTopWaiter()) {
            rtMutexDequeuePi(owner, top);
            rtMutexEnqueuePi(owner, waiter);
            rtMutexAdjustPrio(owner);
            if (owner.piBlockedOn != null) {
                walk = true;
            }
        } else if (chwalk == RT_MUTEX_FULL_CHAINWALK) {
            walk = true;
        }
        RtMutexBase nextLock = owner.piBlockedOn == null ? null : owner.piBlockedOn.lock;
        owner.piLock.rawSpinUnlock();
        if (!walk || nextLock == null) {
            return 0;
        }
        lock.waitLock.rawSpinUnlockIrqrestore();
        int res = rtMutexAdjustPrioChain(owner, chwalk, lock, nextLock, waiter, task);
        lock.waitLock.rawSpinLockIrqsave();
        return res;
    }

    /**
     * remove_waiter(), by the waiting task itself, with wait_lock held. Dequeues the waiter, unblocks the task,
     * and fixes the owner's priority (walking the chain if the owner is blocked too).
     */
    public static void removeWaiter(RtMutexBase lock, RtMutexWaiter waiter) {
        removeWaiterFor(lock, waiter, Task.current());
    }

    /** remove_waiter() for a waiter enqueued on behalf of another task (a failed proxy start). */
    static void removeWaiterFor(RtMutexBase lock, RtMutexWaiter waiter, Task cur) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c remove_waiter");
        boolean isTop = waiter == lock.rtMutexTopWaiter();
        Task owner = lock.rtMutexOwner();
        cur.piLock.rawSpinLock();
        rtMutexDequeue(lock, waiter);
        cur.piBlockedOn = null;
        cur.piLock.rawSpinUnlock();
        checkWaiters(cur);
        if (owner == null || !isTop) {
            return;
        }
        owner.piLock.rawSpinLock();
        rtMutexDequeuePi(owner, waiter);
        if (lock.rtMutexHasWaiters()) {
            rtMutexEnqueuePi(owner, lock.rtMutexTopWaiter());
        }
        rtMutexAdjustPrio(owner);
        RtMutexBase nextLock = owner.piBlockedOn == null ? null : owner.piBlockedOn.lock;
        owner.piLock.rawSpinUnlock();
        if (nextLock == null) {
            return;
        }
        lock.waitLock.rawSpinUnlockIrqrestore();
        rtMutexAdjustPrioChain(owner, RT_MUTEX_MIN_CHAINWALK, lock, nextLock, null, cur);
        lock.waitLock.rawSpinLockIrqsave();
    }

    /**
     * rt_mutex_adjust_prio_chain(): walks task, the lock it is blocked on, that lock's owner, and so on,
     * requeueing each waiter at its task's priority and propagating the boost. It stops where the chain no
     * longer holds together (the lock a task waits on is not the one expected: "waiter.lock == next_lock"), at
     * an unowned lock, or at a task that is not blocked.
     */
    public static int rtMutexAdjustPrioChain(Task task, int chwalk, RtMutexBase origLock, RtMutexBase nextLock,
            RtMutexWaiter origWaiter, Task topTask) {
        int depth = 0;
        for (;;) {
            if (++depth > MAX_LOCK_DEPTH) {
                Splat.report(Symptom.PI_CHAIN_DEPTH, "Maximum lock depth " + MAX_LOCK_DEPTH + " reached task: "
                        + task.comm() + " (" + task.pid() + ")", false);
                return -Errno.EDEADLK;
            }
            task.piLock.rawSpinLockIrqsave();
            RtMutexWaiter waiter = task.piBlockedOn;
            if (waiter == null || nextLock != null && waiter.lock != nextLock) {
                task.piLock.rawSpinUnlockIrqrestore();
                return 0;
            }
            RtMutexBase lock = waiter.lock;
            if (!lock.waitLock.rawSpinTrylock()) {
                task.piLock.rawSpinUnlockIrqrestore();
                Thread.onSpinWait();
                continue;
            }
            if (chwalk == RT_MUTEX_FULL_CHAINWALK && (lock == origLock || lock.rtMutexOwner() == topTask)) {
                lock.waitLock.rawSpinUnlock();
                task.piLock.rawSpinUnlockIrqrestore();
                return -Errno.EDEADLK;
            }
            RtMutexWaiter prerequeueTop = lock.rtMutexTopWaiter();
            rtMutexDequeue(lock, waiter);
            waiter.prio = task.prio();
            rtMutexEnqueue(lock, waiter);
            task.piLock.rawSpinUnlock();
            Task owner = lock.rtMutexOwner();
            if (owner == null) {
                RtMutexWaiter top = lock.rtMutexTopWaiter();
                lock.waitLock.rawSpinUnlockIrqrestore();
                if (prerequeueTop != top && top != null) {
                    Sched.wakeUpState(top.task, top.wakeState);
                }
                return 0;
            }
            owner.piLock.rawSpinLock();
            if (waiter == lock.rtMutexTopWaiter()) {
                rtMutexDequeuePi(owner, prerequeueTop);
                rtMutexEnqueuePi(owner, waiter);
                rtMutexAdjustPrio(owner);
            } else if (prerequeueTop == waiter) {
                rtMutexDequeuePi(owner, waiter);
                rtMutexEnqueuePi(owner, lock.rtMutexTopWaiter());
                rtMutexAdjustPrio(owner);
            }
            nextLock = owner.piBlockedOn == null ? null : owner.piBlockedOn.lock;
            owner.piLock.rawSpinUnlock();
            lock.waitLock.rawSpinUnlockIrqrestore();
            if (nextLock == null) {
                return 0;
            }
            task = owner;
        }
    }

    // -------------------------------------------------------------------- releasing

    /**
     * mark_wakeup_next_waiter(), by the owner with wait_lock held: its top waiter leaves the owner's PI waiters,
     * the owner is deboosted, the lock keeps HAS_WAITERS with no owner (so that the woken waiter takes it in
     * try_to_take_rt_mutex(), and a lock stealer may too), and the waiter's task is queued for waking.
     */
    static void markWakeupNextWaiter(WakeQ wq, RtMutexBase lock) {
        Lockdep.lockdepAssertHeld(lock.waitLock, "kernel/locking/rtmutex.c mark_wakeup_next_waiter");
        Task cur = Task.current();
        RtMutexWaiter waiter = lock.rtMutexTopWaiter();
        cur.piLock.rawSpinLock();
        rtMutexDequeuePi(cur, waiter);
        rtMutexAdjustPrio(cur);
        lock.owner.set(RtMutexBase.WAITERS_NO_OWNER);
        cur.piLock.rawSpinUnlock();
        wq.addState(waiter.task, waiter.wakeState);
    }

    /** rt_mutex_slowunlock(). */
    static void rtMutexSlowunlock(RtMutexBase lock) {
        WakeQ wq = new WakeQ();
        lock.waitLock.rawSpinLockIrqsave();
        if (!lock.rtMutexHasWaiters()) {
            lock.owner.set(null);
            lock.waitLock.rawSpinUnlockIrqrestore();
            return;
        }
        markWakeupNextWaiter(wq, lock);
        lock.waitLock.rawSpinUnlockIrqrestore();
        wq.wakeUpQ();
    }
}
