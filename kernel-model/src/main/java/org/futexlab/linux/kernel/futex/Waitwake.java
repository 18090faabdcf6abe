package org.futexlab.linux.kernel.futex;

import java.util.ArrayList;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.HrtimerSleeper;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.kernel.sched.WakeQ;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * kernel/futex/waitwake.c. The waiter/waker ordering that keeps wake-ups from being lost: the waiter increments
 * the bucket's waiter count (full barrier) before it reads the futex word under hb->lock; the waker changes the
 * word before it reads the count without the lock. Either the waker sees the waiter, or the waiter sees the new
 * value.
 */
public final class Waitwake {
    private Waitwake() {}

    /**
     * futex_wake_mark(): unqueue q, then clear its lock_ptr (store-release: the waiter may return as soon as it
     * sees NULL), and queue its task for waking once the bucket lock is dropped. Callers refuse PI and requeue-PI
     * waiters first (-EINVAL): one reaching here is a bug, warned about and left queued, as the kernel does.
     */
    static void futexWakeMark(WakeQ wq, FutexQ q) {
        Task p = q.task;
        if (q.piState != null || q.rtWaiter != null) {
            Splat.report(Symptom.FUTEX_SANITY, "WARNING: CPU: 0 PID: " + Task.current().pid() + " at "
                    + "kernel/futex/waitwake.c futex_wake_mark\nrefusing to wake PI futex: " + q, false);
            return;
        }
        Core.futexUnqueueLocked(q);
        q.lockPtr.set(null);
        wq.add(p);
    }

    /**
     * futex_wake().
     *
     * @return the number woken, or -EINVAL (zero bitset; a PI waiter on the futex) / -EFAULT
     */
    public static int futexWake(long uaddr, int flags, int nrWake, int bitset) {
        if (bitset == 0) {
            return -Errno.EINVAL;
        }
        Ref<FutexKey> key = new Ref<>();
        int ret = Core.getFutexKey(uaddr, flags, key, Core.FUTEX_READ);
        if (ret != 0) {
            return ret;
        }
        HashBucket hb = Core.futexHash(key.value);
        if (!Core.futexHbWaitersPending(hb)) {
            return 0;
        }
        WakeQ wq = new WakeQ();
        hb.lock.spinLock();
        for (FutexQ q : new ArrayList<>(hb.chain)) {
            if (!q.key.matches(key.value)) {
                continue;
            }
            if (q.piState != null || q.rtWaiter != null) {
                ret = -Errno.EINVAL;
                break;
            }
            if ((q.bitset & bitset) == 0) {
                continue;
            }
            futexWakeMark(wq, q);
            if (++ret >= nrWake) {
                break;
            }
        }
        hb.lock.spinUnlock();
        wq.wakeUpQ();
        return ret;
    }

    /**
     * futex_wait_setup(): queue-lock the bucket and check the futex value. The in-atomic read may fault; then the
     * value is read the normal way, faults handled, and everything retried.
     *
     * @return 0 with the bucket locked (in hb), -EWOULDBLOCK when the value differs, or -EFAULT
     */
    static int futexWaitSetup(long uaddr, int val, int flags, FutexQ q, Ref<HashBucket> hb) {
        for (;;) {
            Ref<FutexKey> key = new Ref<>();
            int ret = Core.getFutexKey(uaddr, flags, key, Core.FUTEX_READ);
            if (ret != 0) {
                return ret;
            }
            q.key = key.value;
            for (;;) {
                HashBucket b = Core.futexQLock(q);
                long uval = Core.futexGetValueLocked(uaddr);
                if (uval < 0) {
                    Core.futexQUnlock(b);
                    if (Uaccess.getUser(uaddr) < 0) {
                        return -Errno.EFAULT;
                    }
                    if ((flags & Core.FLAGS_SHARED) == 0) {
                        continue;
                    }
                    break;
                }
                if ((int) uval != val) {
                    Core.futexQUnlock(b);
                    return -Errno.EWOULDBLOCK;
                }
                hb.value = b;
                return 0;
            }
        }
    }

    /**
     * futex_wait_queue(): set the task state before queueing (so that a wake-up between the unlock and schedule
     * is not lost), queue (dropping hb->lock, which futex_wait_setup() returned held), and sleep unless already
     * woken or timed out.
     */
    static void futexWaitQueue(HashBucket hb, FutexQ q, HrtimerSleeper to) {
        Lockdep.lockdepAssertHeld(hb.lock, "kernel/futex/waitwake.c futex_wait_queue");
        Sched.setCurrentState(Task.TASK_INTERRUPTIBLE);
        Core.futexQueue(q, hb);
        if (q.lockPtr.get() != null) {
            if (to == null) {
                Sched.schedule();
            } else if (!to.expired()) {
                Sched.scheduleHrtimeout(to.deadline());
            }
        }
        Sched.setCurrentStateNoBarrier(Task.TASK_RUNNING);
    }

    /**
     * futex_wait(): sleep while the futex holds val. A wake-up that is not ours (spurious: neither unqueued by a
     * waker, nor timed out, nor signalled) waits again.
     *
     * @return 0 (woken), -EWOULDBLOCK, -ETIMEDOUT, -ERESTARTSYS (signal), -EINVAL or -EFAULT
     */
    public static int futexWait(long uaddr, int flags, int val, HrtimerSleeper to, int bitset) {
        if (bitset == 0) {
            return -Errno.EINVAL;
        }
        Task cur = Task.current();
        for (;;) {
            FutexQ q = new FutexQ();
            q.bitset = bitset;
            Ref<HashBucket> hb = new Ref<>();
            int ret = futexWaitSetup(uaddr, val, flags, q, hb);
            if (ret != 0) {
                return ret;
            }
            futexWaitQueue(hb.value, q, to);
            if (Core.futexUnqueue(q) == 0) {
                return 0;
            }
            if (to != null && to.expired()) {
                return -Errno.ETIMEDOUT;
            }
            if (Signal.signalPending(cur)) {
                return -Errno.ERESTARTSYS;
            }
        }
    }

    /** double_lock_hb(): bucket locks in index order (one lock if both keys share a bucket). */
    static void doubleLockHb(HashBucket hb1, HashBucket hb2) {
        if (hb1.index > hb2.index) {
            HashBucket t = hb1;
            hb1 = hb2;
            hb2 = t;
        }
        hb1.lock.spinLock();
        if (hb1 != hb2) {
            hb2.lock.spinLock();
        }
    }

    static void doubleUnlockHb(HashBucket hb1, HashBucket hb2) {
        hb1.lock.spinUnlock();
        if (hb1 != hb2) {
            hb2.lock.spinUnlock();
        }
    }

    /**
     * futex_atomic_op_inuser(): decode FUTEX_WAKE_OP's val3, apply the operation to *uaddr in-atomic, and
     * compare the old value. An out-of-range shift is masked and logged, not rejected.
     *
     * @return 1 or 0 (the comparison), -EFAULT, or -ENOSYS (unknown operation or comparison)
     */
    static int futexAtomicOpInuser(int encodedOp, long uaddr) {
        int op = (encodedOp >>> 28) & 7;
        int cmp = (encodedOp >>> 24) & 15;
        int oparg = (encodedOp << 8) >> 20;
        int cmparg = (encodedOp << 20) >> 20;
        if ((encodedOp & (FutexAbi.FUTEX_OP_OPARG_SHIFT << 28)) != 0) {
            if (oparg < 0 || oparg > 31) {
                Task cur = Task.current();
                cur.kernel().dmesg().log(null, "futex_wake_op: " + cur.comm() + " tries to shift op by " + oparg
                        + "; fix this program");
                oparg &= 31;
            }
            oparg = 1 << oparg;
        }
        if (op > FutexAbi.FUTEX_OP_XOR) {
            return -Errno.ENOSYS;
        }
        int arg = oparg;
        Preempt.pagefaultDisable();
        long r;
        try {
            r = Uaccess.atomicOpInatomic(Task.current().mm(), uaddr, old -> {
                switch (op) {
                    case FutexAbi.FUTEX_OP_SET: return arg;
                    case FutexAbi.FUTEX_OP_ADD: return old + arg;
                    case FutexAbi.FUTEX_OP_OR: return old | arg;
                    case FutexAbi.FUTEX_OP_ANDN: return old & ~arg;
                    default: return old ^ arg;
                }
            });
        } finally {
            Preempt.pagefaultEnable();
        }
        if (r < 0) {
            return (int) r;
        }
        int oldval = (int) r;
        switch (cmp) {
            case FutexAbi.FUTEX_OP_CMP_EQ: return oldval == cmparg ? 1 : 0;
            case FutexAbi.FUTEX_OP_CMP_NE: return oldval != cmparg ? 1 : 0;
            case FutexAbi.FUTEX_OP_CMP_LT: return oldval < cmparg ? 1 : 0;
            case FutexAbi.FUTEX_OP_CMP_LE: return oldval <= cmparg ? 1 : 0;
            case FutexAbi.FUTEX_OP_CMP_GT: return oldval > cmparg ? 1 : 0;
            case FutexAbi.FUTEX_OP_CMP_GE: return oldval >= cmparg ? 1 : 0;
            default: return -Errno.ENOSYS;
        }
    }

    /**
     * futex_wake_op() (docs/model.md D.2): with both bucket locks held, apply the operation to *uaddr2 in-atomic; on a
     * fault drop the locks, fault the word in, and retry. Then wake up to nr_wake waiters of uaddr1 and, if the
     * comparison held, up to nr_wake2 of uaddr2.
     */
    public static int futexWakeOp(long uaddr1, int flags, long uaddr2, int nrWake, int nrWake2, int op) {
        Core.FaultProgress progress = new Core.FaultProgress();
        for (;;) {
            Ref<FutexKey> key1 = new Ref<>();
            Ref<FutexKey> key2 = new Ref<>();
            int ret = Core.getFutexKey(uaddr1, flags, key1, Core.FUTEX_READ);
            if (ret != 0) {
                return ret;
            }
            ret = Core.getFutexKey(uaddr2, flags, key2, Core.FUTEX_WRITE);
            if (ret != 0) {
                return ret;
            }
            HashBucket hb1 = Core.futexHash(key1.value);
            HashBucket hb2 = Core.futexHash(key2.value);
            boolean retryPrivate;
            do {
                retryPrivate = false;
                doubleLockHb(hb1, hb2);
                int opRet = futexAtomicOpInuser(op, uaddr2);
                if (opRet < 0) {
                    doubleUnlockHb(hb1, hb2);
                    if (opRet != -Errno.EFAULT && opRet != -Errno.EAGAIN) {
                        return opRet;
                    }
                    if (opRet == -Errno.EFAULT) {
                        ret = progress.faultIn(uaddr2);
                        if (ret != 0) {
                            return ret;
                        }
                    }
                    Sched.condResched();
                    retryPrivate = (flags & Core.FLAGS_SHARED) == 0;
                    if (!retryPrivate) {
                        break;
                    }
                    continue;
                }
                WakeQ wq = new WakeQ();
                ret = wakeKey(wq, hb1, key1.value, nrWake);
                if (ret >= 0 && opRet > 0) {
                    int woken = wakeKey(wq, hb2, key2.value, nrWake2);
                    ret = woken < 0 ? woken : ret + woken;
                }
                doubleUnlockHb(hb1, hb2);
                wq.wakeUpQ();
                return ret;
            } while (retryPrivate);
        }
    }

    private static int wakeKey(WakeQ wq, HashBucket hb, FutexKey key, int nr) {
        int woken = 0;
        for (FutexQ q : new ArrayList<>(hb.chain)) {
            if (!q.key.matches(key)) {
                continue;
            }
            if (q.piState != null || q.rtWaiter != null) {
                return -Errno.EINVAL;
            }
            futexWakeMark(wq, q);
            if (++woken >= nr) {
                break;
            }
        }
        return woken;
    }

    // ------------------------------------------------------------------ the robust unlock (2026)

    /**
     * futex(uaddr, FUTEX_WAKE | FUTEX_ROBUST_UNLOCK, nr_wake, NULL, pop, bitset): release a contended robust mutex
     * and clear the list's pending-op slot in one system call. The bucket lock is always taken (a lockless
     * waiter check would race with a waiter setting WAITERS); the word is released with a store that leaves
     * WAITERS set iff more waiters remain than are woken; the woken are collected after the release (they may
     * return without the bucket lock); then *pop is cleared.
     *
     * @return the number woken, or -EINVAL (a PI waiter), -EFAULT
     */
    static int futexRobustUnlock(long uaddr, int flags, int nrWake, int bitset, long pop, boolean list32) {
        if (bitset == 0) {
            return -Errno.EINVAL;
        }
        Task cur = Task.current();
        for (;;) {
            Ref<FutexKey> key = new Ref<>();
            int ret = Core.getFutexKey(uaddr, flags, key, Core.FUTEX_WRITE);
            if (ret != 0) {
                return ret;
            }
            HashBucket hb = Core.futexHash(key.value);
            hb.lock.spinLock();
            int matching = 0;
            for (FutexQ q : hb.chain) {
                if (q.key.matches(key.value)) {
                    if (q.piState != null || q.rtWaiter != null) {
                        hb.lock.spinUnlock();
                        return -Errno.EINVAL;
                    }
                    if ((q.bitset & bitset) != 0) {
                        matching++;
                    }
                }
            }
            int released = matching > nrWake ? FutexAbi.FUTEX_WAITERS : 0;
            Preempt.pagefaultDisable();
            int err = Uaccess.storeInatomic(cur.mm(), uaddr, released);
            Preempt.pagefaultEnable();
            if (err != 0) {
                hb.lock.spinUnlock();
                ret = Core.faultInUserWriteable(uaddr);
                if (ret != 0) {
                    return ret;
                }
                continue; // -EAGAIN: the outer loop tries again
            }
            WakeQ wq = new WakeQ();
            int woken = 0;
            for (FutexQ q : new ArrayList<>(hb.chain)) {
                if (woken >= nrWake) {
                    break;
                }
                if (q.key.matches(key.value) && (q.bitset & bitset) != 0) {
                    futexWakeMark(wq, q);
                    woken++;
                }
            }
            hb.lock.spinUnlock();
            ret = clearRobustPop(pop, list32);
            wq.wakeUpQ();
            return ret != 0 ? ret : woken;
        }
    }

    /**
     * Clears the pending-op slot after a robust unlock. If that fails and the slot is the task's own
     * list_op_pending, the kernel forgets the list: better a few stale futexes than an exit walk that acts on a
     * pointer user space could not clear.
     *
     * @return 0 or -EFAULT
     */
    static int clearRobustPop(long pop, boolean list32) {
        if (pop == 0) {
            return 0;
        }
        Task cur = Task.current();
        int err = Uaccess.putUserPtr(0, pop, list32);
        if (err == 0) {
            return 0;
        }
        long head = list32 ? cur.compatRobustList : cur.robustList;
        if (head != 0 && pop == head + 2L * FutexAbi.sizeofPtr(list32)) {
            if (list32) {
                cur.compatRobustList = 0;
            } else {
                cur.robustList = 0;
            }
        }
        return -Errno.EFAULT;
    }
}
