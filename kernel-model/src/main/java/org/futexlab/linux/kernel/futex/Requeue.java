package org.futexlab.linux.kernel.futex;

import java.util.ArrayList;
import org.futexlab.linux.Fix;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.kernel.locking.RtMutexWaiter;
import org.futexlab.linux.kernel.locking.RtmutexApi;
import org.futexlab.linux.kernel.sched.HrtimerSleeper;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.kernel.sched.WakeQ;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.uapi.Errno;

/**
 * kernel/futex/requeue.c: moving waiters from one futex to another (FUTEX_REQUEUE, FUTEX_CMP_REQUEUE), and
 * requeue-PI (FUTEX_WAIT_REQUEUE_PI with FUTEX_CMP_REQUEUE_PI), where a condition-variable waiter moves onto the
 * rt_mutex of a PI futex.
 *
 * <p>Requeue-PI handshake on futex_q.requeue_state: the requeuer marks a waiter IN_PROGRESS before touching it
 * and DONE (blocked on the rt_mutex) or LOCKED (owns the PI futex) after; a waiter woken early claims IGNORE if
 * nothing started yet, or announces WAIT and waits for the requeuer to finish.
 */
public final class Requeue {
    private Requeue() {}

    /** futex_requeue_pi_prepare(): false when the waiter already left (IGNORE). */
    static boolean futexRequeuePiPrepare(FutexQ q) {
        return q.requeueState.compareAndSet(FutexQ.Q_REQUEUE_PI_NONE, FutexQ.Q_REQUEUE_PI_IN_PROGRESS);
    }

    /** futex_requeue_pi_complete(): locked 1 = LOCKED, 0 = DONE, &lt; 0 = failed (back to NONE). */
    static void futexRequeuePiComplete(FutexQ q, int locked) {
        int next = locked > 0 ? FutexQ.Q_REQUEUE_PI_LOCKED
                : locked == 0 ? FutexQ.Q_REQUEUE_PI_DONE : FutexQ.Q_REQUEUE_PI_NONE;
        for (;;) {
            int s = q.requeueState.get();
            if (q.requeueState.compareAndSet(s, next)) {
                return; // a WAITing waiter polls the state
            }
        }
    }

    /**
     * futex_requeue_pi_wakeup_sync(): a waiter in futex_wait_requeue_pi() that woke up learns where it stands.
     *
     * @return IGNORE (not requeued: still on the first futex), DONE or LOCKED
     */
    static int futexRequeuePiWakeupSync(FutexQ q) {
        for (;;) {
            int s = q.requeueState.get();
            if (s == FutexQ.Q_REQUEUE_PI_NONE) {
                if (q.requeueState.compareAndSet(s, FutexQ.Q_REQUEUE_PI_IGNORE)) {
                    return FutexQ.Q_REQUEUE_PI_IGNORE;
                }
            } else if (s == FutexQ.Q_REQUEUE_PI_IN_PROGRESS) {
                q.requeueState.compareAndSet(s, FutexQ.Q_REQUEUE_PI_WAIT);
            } else if (s == FutexQ.Q_REQUEUE_PI_WAIT) {
                Thread.onSpinWait(); // rcuwait_wait_event(): the requeuer is mid-way
            } else {
                return s;
            }
        }
    }

    /**
     * requeue_futex(): move q to key2's bucket. Both bucket locks are held (double_lock_hb()): q leaves one
     * plist and joins the other, and its lock_ptr changes, which futex_unqueue() rechecks under the lock it took.
     */
    static void requeueFutex(FutexQ q, HashBucket hb1, HashBucket hb2, FutexKey key2) {
        Lockdep.lockdepAssertHeld(hb1.lock, "kernel/futex/requeue.c requeue_futex");
        Lockdep.lockdepAssertHeld(hb2.lock, "kernel/futex/requeue.c requeue_futex");
        if (hb1 != hb2) {
            hb1.chain.remove(q);
            hb1.waiters.decrementAndGet();
            hb2.waiters.incrementAndGet();
            int i = 0;
            while (i < hb2.chain.size() && hb2.chain.get(i).prio <= q.prio) {
                i++;
            }
            hb2.chain.add(i, q);
            q.lockPtr.set(hb2.lock);
        }
        q.key = key2;
    }

    /**
     * requeue_pi_wake_futex(): the requeuer took the PI futex for q's task; wake it with the lock held. With both
     * bucket locks held: q leaves its bucket (asserted by __futex_unqueue()) and its lock_ptr becomes hb2's.
     */
    static void requeuePiWakeFutex(FutexQ q, FutexKey key2, HashBucket hb2) {
        Lockdep.lockdepAssertHeld(hb2.lock, "kernel/futex/requeue.c requeue_pi_wake_futex");
        q.key = key2;
        Core.futexUnqueueLocked(q);
        q.rtWaiter = null;
        q.lockPtr.set(hb2.lock);
        futexRequeuePiComplete(q, 1);
        Sched.wakeUpState(q.task, Task.TASK_NORMAL);
    }

    /**
     * futex_proxy_trylock_atomic(): try to take the PI futex for the top waiter of key1, with both bucket locks
     * held (the top waiter and the word must not change under the attempt).
     *
     * @return 1 when it was taken (the waiter is woken holding it), 0 when waiters must be requeued onto the
     *     rt_mutex (with the pi_state in ps), or a negative errno
     */
    static int futexProxyTrylockAtomic(long uaddr2, HashBucket hb1, HashBucket hb2, FutexKey key1, FutexKey key2,
            Ref<PiState> ps, Ref<Task> exiting) {
        Lockdep.lockdepAssertHeld(hb1.lock, "kernel/futex/requeue.c futex_proxy_trylock_atomic");
        Lockdep.lockdepAssertHeld(hb2.lock, "kernel/futex/requeue.c futex_proxy_trylock_atomic");
        FutexQ top = Core.futexTopWaiter(hb1, key1);
        if (top == null) {
            return 0;
        }
        if (top.rtWaiter == null || !key2.matches(top.requeuePiKey)) {
            return -Errno.EINVAL;
        }
        if (!futexRequeuePiPrepare(top)) {
            return -Errno.EAGAIN;
        }
        int ret = Pi.futexLockPiAtomic(uaddr2, hb2, key2, ps, top.task, exiting, true);
        if (ret == 1) {
            requeuePiWakeFutex(top, key2, hb2);
            return 1;
        }
        futexRequeuePiComplete(top, ret < 0 ? ret : -1); // not taken: the requeue loop prepares it again
        return ret;
    }

    /**
     * futex_requeue(): wake nr_wake waiters of uaddr1 and move up to nr_requeue more to uaddr2; for
     * FUTEX_CMP_REQUEUE only if *uaddr1 still holds cmpval. For requeue-PI the top waiter may be given the PI futex
     * right away, the others are enqueued on its rt_mutex.
     *
     * @return woken plus requeued, or a negative errno
     */
    public static int futexRequeue(long uaddr1, int flags1, long uaddr2, int flags2, int nrWake, int nrRequeue,
            Integer cmpval, boolean requeuePi) {
        Kernel k = Task.current().kernel();
        if (nrWake < 0 || nrRequeue < 0) {
            return -Errno.EINVAL;
        }
        if (requeuePi) {
            if (!k.config().futexPi()) {
                return -Errno.ENOSYS;
            }
            if (uaddr1 == uaddr2 || nrWake != 1) {
                return -Errno.EINVAL;
            }
        }
        for (;;) {
            Ref<FutexKey> key1 = new Ref<>();
            Ref<FutexKey> key2 = new Ref<>();
            int ret = Core.getFutexKey(uaddr1, flags1, key1, Core.FUTEX_READ);
            if (ret != 0) {
                return ret;
            }
            ret = Core.getFutexKey(uaddr2, flags2, key2, requeuePi ? Core.FUTEX_WRITE : Core.FUTEX_READ);
            if (ret != 0) {
                return ret;
            }
            if (requeuePi && key1.value.matches(key2.value)) {
                return -Errno.EINVAL;
            }
            HashBucket hb1 = Core.futexHash(key1.value);
            HashBucket hb2 = Core.futexHash(key2.value);
            hb2.waiters.incrementAndGet();
            Waitwake.doubleLockHb(hb1, hb2);
            if (cmpval != null) {
                long cur = Core.futexGetValueLocked(uaddr1);
                if (cur < 0) {
                    Waitwake.doubleUnlockHb(hb1, hb2);
                    hb2.waiters.decrementAndGet();
                    if (Uaccess.getUser(uaddr1) < 0) {
                        return -Errno.EFAULT;
                    }
                    continue;
                }
                if ((int) cur != cmpval) {
                    Waitwake.doubleUnlockHb(hb1, hb2);
                    hb2.waiters.decrementAndGet();
                    return -Errno.EAGAIN;
                }
            }
            int taskCount = 0;
            Ref<PiState> piState = new Ref<>();
            if (requeuePi) {
                Ref<Task> exiting = new Ref<>();
                ret = futexProxyTrylockAtomic(uaddr2, hb1, hb2, key1.value, key2.value, piState, exiting);
                if (ret == 1) {
                    taskCount++;
                    ret = 0;
                    if (piState.value == null && hasMore(hb1, key1.value)) {
                        // The futex now belongs to the woken waiter: the others block on a pi_state owned by it.
                        long uval = Core.futexGetValueLocked(uaddr2);
                        ret = uval < 0 ? (int) uval : Pi.futexLockPiAtomic(uaddr2, hb2, key2.value, piState,
                                Task.current(), exiting, true);
                        if (ret == 1 || ret == -Errno.EDEADLK) {
                            ret = 0;
                        }
                    }
                } else if (ret == -Errno.EFAULT) {
                    Waitwake.doubleUnlockHb(hb1, hb2);
                    hb2.waiters.decrementAndGet();
                    ret = Core.faultInUserWriteable(uaddr2);
                    if (ret != 0) {
                        return ret;
                    }
                    continue;
                } else if (ret == -Errno.EBUSY || ret == -Errno.EAGAIN) {
                    Waitwake.doubleUnlockHb(hb1, hb2);
                    hb2.waiters.decrementAndGet();
                    Pi.waitForOwnerExiting(ret, exiting.value);
                    Sched.condResched();
                    continue;
                } else if (ret != 0) {
                    Waitwake.doubleUnlockHb(hb1, hb2);
                    hb2.waiters.decrementAndGet();
                    return ret;
                }
            }
            WakeQ wq = new WakeQ();
            for (FutexQ q : new ArrayList<>(hb1.chain)) {
                if (taskCount - nrWake >= nrRequeue) {
                    break;
                }
                if (!q.key.matches(key1.value)) {
                    continue;
                }
                if (requeuePi != (q.rtWaiter != null)) {
                    ret = -Errno.EINVAL;
                    break;
                }
                if (++taskCount <= nrWake && !requeuePi) {
                    Waitwake.futexWakeMark(wq, q);
                    continue;
                }
                if (requeuePi && !key2.value.matches(q.requeuePiKey)) {
                    ret = -Errno.EINVAL;
                    break;
                }
                if (requeuePi) {
                    if (piState.value == null || !futexRequeuePiPrepare(q)) {
                        continue;
                    }
                    Pi.getPiState(piState.value);
                    q.piState = piState.value;
                    int r = RtmutexApi.rtMutexStartProxyLock(piState.value.piMutex, q.rtWaiter, q.task);
                    if (r == 1) {
                        requeuePiWakeFutex(q, key2.value, hb2);
                        continue;
                    }
                    if (r < 0) {
                        q.piState = null;
                        Pi.putPiState(piState.value);
                        futexRequeuePiComplete(q, r);
                        break;
                    }
                }
                requeueFutex(q, hb1, hb2, key2.value);
                if (requeuePi) {
                    futexRequeuePiComplete(q, 0);
                }
            }
            Pi.putPiState(piState.value);
            Waitwake.doubleUnlockHb(hb1, hb2);
            wq.wakeUpQ();
            hb2.waiters.decrementAndGet();
            return ret != 0 ? ret : taskCount;
        }
    }

    private static boolean hasMore(HashBucket hb, FutexKey key) {
        return Core.futexTopWaiter(hb, key) != null;
    }

    /**
     * futex_wait_requeue_pi(): wait on uaddr like futex_wait(), expecting to be requeued onto the PI futex at
     * uaddr2 (then blocked on its rt_mutex, or given it outright). The cleanup after a failed rt_mutex wait was
     * reordered by fbeb558b0dd0 exactly as in futex_lock_pi().
     */
    public static int futexWaitRequeuePi(long uaddr, int flags, int val, HrtimerSleeper to, int bitset,
            long uaddr2) {
        Task cur = Task.current();
        Kernel k = cur.kernel();
        if (!k.config().futexPi()) {
            return -Errno.ENOSYS;
        }
        if (uaddr == uaddr2 || bitset == 0) {
            return -Errno.EINVAL;
        }
        RtMutexWaiter rtWaiter = new RtMutexWaiter();
        FutexQ q = new FutexQ();
        q.bitset = bitset;
        q.rtWaiter = rtWaiter;
        Ref<FutexKey> key2 = new Ref<>();
        int ret = Core.getFutexKey(uaddr2, flags, key2, Core.FUTEX_WRITE);
        if (ret != 0) {
            return ret;
        }
        q.requeuePiKey = key2.value;
        Ref<HashBucket> hb = new Ref<>();
        ret = Waitwake.futexWaitSetup(uaddr, val, flags, q, hb);
        if (ret != 0) {
            return ret;
        }
        if (q.key.matches(key2.value)) {
            Core.futexQUnlock(hb.value);
            return -Errno.EINVAL;
        }
        Waitwake.futexWaitQueue(hb.value, q, to);
        switch (futexRequeuePiWakeupSync(q)) {
            case FutexQ.Q_REQUEUE_PI_IGNORE: {
                HashBucket b = Core.futexHash(q.key);
                b.lock.spinLock();
                if (q.linked) {
                    Core.futexUnqueueLocked(q);
                }
                b.lock.spinUnlock();
                if (to != null && to.expired()) {
                    return -Errno.ETIMEDOUT;
                }
                return Signal.signalPending(cur) ? -Errno.ERESTARTNOINTR : -Errno.EWOULDBLOCK;
            }
            case FutexQ.Q_REQUEUE_PI_LOCKED: {
                if (q.piState != null && q.piState.owner != cur) {
                    q.lockPtr.get().spinLock();
                    int r = Pi.fixupPiStateOwner(uaddr2, q, cur);
                    Pi.putPiState(q.piState);
                    q.piState = null;
                    q.lockPtr.get().spinUnlock();
                    return r < 0 ? r : 0;
                }
                return 0;
            }
            default: { // Q_REQUEUE_PI_DONE: blocked on the rt_mutex
                var piMutex = q.piState.piMutex;
                ret = RtmutexApi.rtMutexWaitProxyLock(piMutex, to, rtWaiter);
                if (k.reverted(Fix.FUTEX_PI_RECURSIVE_WAITER)) {
                    q.lockPtr.get().spinLock();
                    if (ret != 0 && !RtmutexApi.rtMutexCleanupProxyLock(piMutex, rtWaiter)) {
                        ret = 0;
                    }
                } else {
                    if (ret != 0 && !RtmutexApi.rtMutexCleanupProxyLock(piMutex, rtWaiter)) {
                        ret = 0;
                    }
                    q.lockPtr.get().spinLock();
                }
                int res = Pi.fixupPiOwner(uaddr2, q, ret == 0);
                if (res != 0) {
                    ret = res < 0 ? res : 0;
                }
                var lockPtr = q.lockPtr.get();
                Core.futexUnqueuePi(q);
                lockPtr.spinUnlock();
                return ret == -Errno.EINTR ? -Errno.EWOULDBLOCK : ret;
            }
        }
    }
}
