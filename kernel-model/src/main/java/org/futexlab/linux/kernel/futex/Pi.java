package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.Fix;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.kernel.locking.RtMutex;
import org.futexlab.linux.kernel.locking.RtMutexWaiter;
import org.futexlab.linux.kernel.locking.RtmutexApi;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.HrtimerSleeper;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.kernel.sched.WakeQ;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * kernel/futex/pi.c: priority-inheritance futexes (docs/model.md A). The user word holds the owner's TID and the
 * WAITERS and OWNER_DIED bits; once contended, a pi_state with an rt_mutex carries the kernel side.
 *
 * <p>Lock order: hb->lock, then pi_mutex.wait_lock, then task->pi_lock. {uval, pi_state} consistency is
 * serialized by wait_lock. A waiter takes wait_lock before dropping hb->lock, and the unlocker takes wait_lock while
 * holding hb->lock, so an unlocker never misses an incoming waiter (invariant docs/model.md A.5.3); only a leaving
 * waiter can be seen in the futex queue without an rt_mutex waiter, and futex_unlock_pi() must handle that.
 */
public final class Pi {
    private Pi() {}

    // ------------------------------------------------------------------------------------------- pi_state

    /** get_pi_state(). */
    static void getPiState(PiState ps) {
        if (ps.refcount.getAndIncrement() == 0) {
            Splat.report(Symptom.FUTEX_SANITY, "WARNING: CPU: 0 at kernel/futex/pi.c get_pi_state: refcount was 0",
                    false);
        }
    }

    /** put_pi_state(): the last reference releases the rt_mutex and leaves the owner's list. */
    static void putPiState(PiState ps) {
        if (ps == null || ps.refcount.decrementAndGet() != 0) {
            return;
        }
        if (ps.owner != null) {
            ps.piMutex.waitLock().rawSpinLockIrqsave();
            piStateUpdateOwner(ps, null);
            ps.owner = null;
            RtmutexApi.rtMutexProxyUnlock(ps.piMutex);
            ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
        }
    }

    /**
     * pi_state_update_owner(): move the pi_state from the old owner's list to the new owner's. pi_state->owner is
     * wait_lock's (it must agree with the user word, which changes under it); each list is its owner's pi_lock's.
     */
    static void piStateUpdateOwner(PiState ps, Task newOwner) {
        Lockdep.lockdepAssertHeld(ps.piMutex.waitLock(), "kernel/futex/pi.c pi_state_update_owner");
        Task old = ps.owner;
        if (old != null) {
            old.piLock.rawSpinLock();
            old.piStateList.remove(ps);
            old.piLock.rawSpinUnlock();
        }
        if (newOwner != null) {
            newOwner.piLock.rawSpinLock();
            newOwner.piStateList.add(ps);
            ps.owner = newOwner;
            newOwner.piLock.rawSpinUnlock();
        }
    }

    // ------------------------------------------------------------------------------------------- attaching

    /**
     * attach_to_pi_state(): validate an existing waiter's pi_state against the user value, under wait_lock:
     *
     * <pre>
     *  pi_state->owner   uTID        OWNER_DIED  result
     *  [4] NULL          0           1           valid: owner died, the new owner will fix the word
     *  [5] NULL          &gt;0          1           invalid
     *  [6] task          0           1           valid: owner died, fixup pending
     *  [7] NULL          any         0           invalid
     *  [8] task          == task     any         valid
     *  [9] task          0           0           invalid
     *  [10] task         != task     any         invalid
     * </pre>
     */
    static int attachToPiState(long uaddr, int uval, PiState ps, Ref<PiState> out) {
        int pid = FutexAbi.tid(uval);
        if (ps == null) {
            return -Errno.EINVAL; // [3]: a non-PI waiter on a PI futex
        }
        ps.piMutex.waitLock().rawSpinLockIrqsave();
        int ret;
        long cur = Core.futexGetValueLocked(uaddr);
        if (cur < 0) {
            ret = -Errno.EFAULT;
        } else if ((int) cur != uval) {
            ret = -Errno.EAGAIN;
        } else if ((uval & FutexAbi.FUTEX_OWNER_DIED) != 0 && ps.owner == null) {
            ret = pid != 0 ? -Errno.EINVAL : 0; // [5] : [4]
        } else if ((uval & FutexAbi.FUTEX_OWNER_DIED) != 0 && pid == 0) {
            ret = 0; // [6]
        } else if (ps.owner == null) {
            ret = -Errno.EINVAL; // [7]
        } else {
            ret = pid == ps.owner.pid() ? 0 : -Errno.EINVAL; // [8] : [9], [10]
        }
        if (ret == 0) {
            getPiState(ps);
            out.value = ps;
        }
        ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
        return ret;
    }

    /**
     * handle_exit_race(): the owner TID names no live task. -EBUSY while it is still exiting (wait for it),
     * -EAGAIN if the word changed meanwhile, else -ESRCH.
     */
    static int handleExitRace(long uaddr, int uval, Task tsk) {
        if (tsk != null && tsk.futexState != Task.FUTEX_STATE_DEAD) {
            return -Errno.EBUSY;
        }
        long cur = Core.futexGetValueLocked(uaddr);
        if (cur < 0) {
            return -Errno.EFAULT;
        }
        return (int) cur != uval ? -Errno.EAGAIN : -Errno.ESRCH;
    }

    /**
     * attach_to_pi_owner(): the first waiter creates the pi_state, owned by the task the TID names, unless that
     * task is gone (-ESRCH), a kernel thread (-EPERM) or exiting (-EBUSY; the caller waits for it).
     */
    static int attachToPiOwner(long uaddr, int uval, FutexKey key, Ref<PiState> ps, Ref<Task> exiting) {
        Kernel k = Task.current().kernel();
        int pid = FutexAbi.tid(uval);
        if (pid == 0) {
            return -Errno.EAGAIN;
        }
        Task p = k.findTaskByVpid(pid);
        if (p == null) {
            return handleExitRace(uaddr, uval, null);
        }
        if (p.isKernelThread()) {
            return -Errno.EPERM;
        }
        p.piLock.rawSpinLock();
        if (p.futexState != Task.FUTEX_STATE_OK) {
            int ret = handleExitRace(uaddr, uval, p);
            p.piLock.rawSpinUnlock();
            if (ret == -Errno.EBUSY) {
                exiting.value = p;
            }
            return ret;
        }
        PiState pi = new PiState(k);
        RtmutexApi.rtMutexInitProxyLocked(pi.piMutex, p);
        pi.key = key;
        p.piStateList.add(pi);
        pi.owner = p;
        p.piLock.rawSpinUnlock();
        ps.value = pi;
        return 0;
    }

    /**
     * lock_pi_update_atomic().
     *
     * @return 0, -EAGAIN (the word changed) or -EFAULT
     */
    static int lockPiUpdateAtomic(long uaddr, int uval, int newval) {
        Ref<Integer> curval = new Ref<>();
        int err = Core.futexCmpxchgValueLocked(curval, uaddr, uval, newval);
        if (err != 0) {
            return err;
        }
        return curval.value != uval ? -Errno.EAGAIN : 0;
    }

    /**
     * futex_lock_pi_atomic(): take the futex for task in user space, or set WAITERS and attach to the existing
     * pi_state or to the owner. hb->lock is held, so that the top waiter it looks at, the user word and the new
     * pi_state are one consistent picture for every other futex operation on the bucket.
     *
     * @return 1 when task got the futex, 0 when it must block on the returned pi_state, or a negative errno
     *     (-EAGAIN and -EBUSY are retried by the caller)
     */
    public static int futexLockPiAtomic(long uaddr, HashBucket hb, FutexKey key, Ref<PiState> ps, Task task,
            Ref<Task> exiting, boolean setWaiters) {
        Lockdep.lockdepAssertHeld(hb.lock, "kernel/futex/pi.c futex_lock_pi_atomic");
        int vpid = task.pid();
        long r = Core.futexGetValueLocked(uaddr);
        if (r < 0) {
            return -Errno.EFAULT;
        }
        int uval = (int) r;
        if (FutexAbi.tid(uval) == vpid) {
            return -Errno.EDEADLK;
        }
        FutexQ top = Core.futexTopWaiter(hb, key);
        if (top != null) {
            return attachToPiState(uaddr, uval, top.piState, ps);
        }
        if (FutexAbi.tid(uval) == 0) {
            int newval = (uval & FutexAbi.FUTEX_OWNER_DIED) | vpid;
            if (setWaiters) {
                newval |= FutexAbi.FUTEX_WAITERS;
            }
            int ret = lockPiUpdateAtomic(uaddr, uval, newval);
            return ret != 0 ? ret : 1;
        }
        int newval = uval | FutexAbi.FUTEX_WAITERS;
        int ret = lockPiUpdateAtomic(uaddr, uval, newval);
        if (ret != 0) {
            return ret;
        }
        return attachToPiOwner(uaddr, newval, key, ps, exiting);
    }

    /** wait_for_owner_exiting(): after -EBUSY, wait until the owner's futex exit is done. */
    static void waitForOwnerExiting(int ret, Task exiting) {
        if (ret != -Errno.EBUSY || exiting == null) {
            return;
        }
        RtMutex m = exiting.futexExitMutex;
        m.rtMutexLock();
        m.rtMutexUnlock();
    }

    // ------------------------------------------------------------------------------------------- fix-ups

    /**
     * __fixup_pi_state_owner(): make the user word and pi_state name the real owner, after a lock steal or a
     * failed acquisition. Called with hb->lock (asserted by its caller) and wait_lock held; a fault drops both,
     * faults the word in, and revalidates (someone may have fixed it meanwhile). If the fault cannot be resolved,
     * the kernel state is made consistent with the rt_mutex before -EFAULT is returned (34b1a1ce1458).
     *
     * @return 1 when current owns the futex, 0 when it does not, or a negative errno
     */
    static int fixupPiStateOwnerLocked(long uaddr, FutexQ q, Task argowner) {
        Task cur = Task.current();
        PiState ps = q.piState;
        Lockdep.lockdepAssertHeld(ps.piMutex.waitLock(), "kernel/futex/pi.c __fixup_pi_state_owner");
        Task oldowner = ps.owner;
        for (;;) {
            Task newowner;
            if (argowner == null) {
                if (oldowner != cur) {
                    return 0;
                }
                if (org.futexlab.linux.kernel.locking.RtmutexCore.tryToTakeRtMutex(ps.piMutex, cur, null)) {
                    return 1;
                }
                newowner = ps.piMutex.rtMutexOwner();
                if (newowner == null) {
                    return -Errno.EAGAIN;
                }
            } else {
                if (oldowner == cur) {
                    return 1;
                }
                newowner = argowner;
            }
            int newtid = newowner.pid() | FutexAbi.FUTEX_WAITERS;
            if (ps.owner == null) {
                newtid |= FutexAbi.FUTEX_OWNER_DIED;
            }
            int err;
            long r = Core.futexGetValueLocked(uaddr);
            if (r < 0) {
                err = (int) r;
            } else {
                int uval = (int) r;
                err = 0;
                for (;;) {
                    int newval = (uval & FutexAbi.FUTEX_OWNER_DIED) | newtid;
                    Ref<Integer> curval = new Ref<>();
                    err = Core.futexCmpxchgValueLocked(curval, uaddr, uval, newval);
                    if (err != 0 || curval.value == uval) {
                        break;
                    }
                    uval = curval.value;
                }
                if (err == 0) {
                    piStateUpdateOwner(ps, newowner);
                    return argowner == cur ? 1 : 0;
                }
            }
            // handle_err: drop both locks, resolve the fault, retake them and revalidate.
            ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
            q.lockPtr.get().spinUnlock();
            if (err == -Errno.EFAULT) {
                err = Core.faultInUserWriteable(uaddr);
            } else {
                Sched.condResched();
                err = 0;
            }
            q.lockPtr.get().spinLock();
            ps.piMutex.waitLock().rawSpinLockIrqsave();
            if (ps.owner != oldowner) {
                return argowner == cur ? 1 : 0;
            }
            if (err != 0) {
                piStateUpdateOwner(ps, ps.piMutex.rtMutexOwner());
                return err;
            }
        }
    }

    /** fixup_pi_state_owner(): with q's bucket lock held, which the fix-up may drop and take again. */
    static int fixupPiStateOwner(long uaddr, FutexQ q, Task argowner) {
        Lockdep.lockdepAssertHeld(q.lockPtr.get(), "kernel/futex/pi.c fixup_pi_state_owner");
        PiState ps = q.piState;
        ps.piMutex.waitLock().rawSpinLockIrqsave();
        int ret = fixupPiStateOwnerLocked(uaddr, q, argowner);
        ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
        return ret;
    }

    /**
     * fixup_pi_owner(): after blocking on (or failing to get) the rt_mutex, make the futex state match. Invariant
     * docs/model.md A.5.7: if the cleanup found that the waiter became the owner after all, it now owns the futex.
     *
     * @return 1 when current owns the futex, 0 when not, or a negative errno
     */
    static int fixupPiOwner(long uaddr, FutexQ q, boolean locked) {
        Task cur = Task.current();
        if (locked) {
            if (q.piState.owner != cur) {
                return fixupPiStateOwner(uaddr, q, cur);
            }
            return 1;
        }
        if (q.piState.owner == cur) {
            return fixupPiStateOwner(uaddr, q, null);
        }
        if (q.piState.piMutex.rtMutexOwner() == cur) {
            Splat.report(Symptom.FUTEX_SANITY, "fixup_pi_owner: ret = 0 pi-mutex owned by " + cur
                    + " but pi_state->owner is " + q.piState.owner, false);
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------- lock

    /**
     * futex_lock_pi() (FUTEX_LOCK_PI, FUTEX_LOCK_PI2, FUTEX_TRYLOCK_PI), labelled as in docs/model.md A.2.1. The
     * cleanup after a failed wait is where fbeb558b0dd0 changed the order: upstream removes the rt_mutex waiter
     * first and only then takes hb->lock (C1'); before it, hb->lock was taken while the waiter was still
     * enqueued (C1), which on PREEMPT_RT enqueues a second waiter for the task when the bucket is contended.
     *
     * @param to the timeout, or null
     * @return 0, or a negative errno (-EINTR becomes -ERESTARTNOINTR)
     */
    public static int futexLockPi(long uaddr, int flags, HrtimerSleeper to, boolean trylock) {
        Task cur = Task.current();
        Kernel k = cur.kernel();
        if (!k.config().futexPi()) {
            return -Errno.ENOSYS;
        }
        Core.FaultProgress progress = new Core.FaultProgress();
        FutexQ q = new FutexQ();
        int ret;
        retry:
        for (;;) {
            Ref<FutexKey> key = new Ref<>();
            ret = Core.getFutexKey(uaddr, flags, key, Core.FUTEX_WRITE); // L1
            if (ret != 0) {
                return ret;
            }
            q.key = key.value;
            for (;;) {
                HashBucket hb = Core.futexQLock(q); // L2, L3
                Ref<PiState> ps = new Ref<>();
                Ref<Task> exiting = new Ref<>();
                ret = futexLockPiAtomic(uaddr, hb, q.key, ps, cur, exiting, false); // L4
                if (ret != 0) { // L5
                    if (ret == 1) {
                        Core.futexQUnlock(hb);
                        return 0;
                    }
                    if (ret == -Errno.EBUSY || ret == -Errno.EAGAIN) {
                        Core.futexQUnlock(hb);
                        waitForOwnerExiting(ret, exiting.value);
                        Sched.condResched();
                        continue retry;
                    }
                    if (ret == -Errno.EFAULT) {
                        Core.futexQUnlock(hb);
                        ret = progress.faultIn(uaddr);
                        if (ret != 0) {
                            return ret;
                        }
                        if ((flags & Core.FLAGS_SHARED) == 0) {
                            continue;
                        }
                        continue retry;
                    }
                    Core.futexQUnlock(hb);
                    return ret;
                }
                q.piState = ps.value;
                Core.futexQueueLocked(q, hb, cur); // L6
                if (trylock) {
                    ret = RtmutexApi.rtMutexFutexTrylock(q.piState.piMutex) ? 0 : -Errno.EWOULDBLOCK;
                    return noBlock(uaddr, q, ret);
                }
                RtMutexWaiter rtWaiter = new RtMutexWaiter(); // L7 (rt_mutex_pre_schedule), L8
                q.piState.piMutex.waitLock().rawSpinLockIrqsave(); // L9
                q.lockPtr.get().spinUnlock(); // L10: hb->lock dropped while holding wait_lock
                ret = RtmutexApi.rtMutexStartProxyLockLocked(q.piState.piMutex, rtWaiter, cur); // L11
                q.piState.piMutex.waitLock().rawSpinUnlockIrqrestore(); // L12
                if (ret == 0) { // L13
                    ret = RtmutexApi.rtMutexWaitProxyLock(q.piState.piMutex, to, rtWaiter); // L14, L15
                } else if (ret == 1) {
                    ret = 0;
                }
                return cleanup(uaddr, q, rtWaiter, ret);
            }
        }
    }

    /** The cleanup of futex_lock_pi(): docs/model.md A.2.2 (buggy order) or docs/model.md A.2.3 (upstream). */
    private static int cleanup(long uaddr, FutexQ q, RtMutexWaiter rtWaiter, int ret) {
        Kernel k = Task.current().kernel();
        if (k.reverted(Fix.FUTEX_PI_RECURSIVE_WAITER)) {
            q.lockPtr.get().spinLock(); // C1: hb->lock while the rt_waiter is still enqueued
            if (ret != 0 && !RtmutexApi.rtMutexCleanupProxyLock(q.piState.piMutex, rtWaiter)) { // C2
                ret = 0;
            }
        } else {
            if (ret != 0 && !RtmutexApi.rtMutexCleanupProxyLock(q.piState.piMutex, rtWaiter)) { // C1'
                ret = 0;
            }
            q.lockPtr.get().spinLock(); // C2': no rt_waiter of ours is enqueued any more
        }
        return noBlock(uaddr, q, ret); // C3'/C3 ...
    }

    /**
     * The tail of futex_lock_pi() (C3 on), with hb->lock held since C1 or C2': fix the owner, unqueue, unlock.
     * lock_ptr cannot change meanwhile: a PI waiter is never requeued.
     */
    private static int noBlock(long uaddr, FutexQ q, int ret) {
        var lockPtr = q.lockPtr.get();
        Lockdep.lockdepAssertHeld(lockPtr, "kernel/futex/pi.c futex_lock_pi");
        int res = fixupPiOwner(uaddr, q, ret == 0);
        if (res != 0) {
            ret = res < 0 ? res : 0;
        }
        Core.futexUnqueuePi(q);
        lockPtr.spinUnlock();
        return ret == -Errno.EINTR ? -Errno.ERESTARTNOINTR : ret;
    }

    // ------------------------------------------------------------------------------------------- unlock

    /**
     * futex_unlock_pi() (docs/model.md A.2.4), in the form the applied fixes give it:
     * <ul>
     *   <li>before fbeb558b0dd0: wake_futex_pi() finds the rt_mutex top waiter itself and treats a missing one as
     *       a broken invariant (WARN, -EAGAIN, retry);</li>
     *   <li>fbeb558b0dd0 only: a futex waiter without an rt_mutex waiter is leaving, so the unlock goes the
     *       uncontended way with that waiter still queued (the stale pi_state of docs/model.md A.3b);</li>
     *   <li>upstream (e626cb02ee83): the leaving waiter's futex_q is unqueued and the bucket looked at again.</li>
     * </ul>
     */
    public static int futexUnlockPi(long uaddr, int flags) {
        Task cur = Task.current();
        Kernel k = cur.kernel();
        if (!k.config().futexPi()) {
            return -Errno.ENOSYS;
        }
        Core.FaultProgress progress = new Core.FaultProgress();
        for (;;) { // retry
            long r = Uaccess.getUser(uaddr); // U1
            if (r < 0) {
                return -Errno.EFAULT;
            }
            int uval = (int) r;
            if (FutexAbi.tid(uval) != cur.pid()) { // U2
                return -Errno.EPERM;
            }
            Ref<FutexKey> key = new Ref<>();
            int ret = Core.getFutexKey(uaddr, flags, key, Core.FUTEX_WRITE);
            if (ret != 0) {
                return ret;
            }
            HashBucket hb = Core.futexHash(key.value);
            hb.lock.spinLock(); // U3
            boolean uncontended = false;
            ret = 0;
            for (;;) { // retry_hb
                FutexQ top = Core.futexTopWaiter(hb, key.value); // U4
                if (top == null) {
                    uncontended = true;
                    break;
                }
                PiState ps = top.piState; // U5
                if (ps == null || ps.owner != cur) {
                    hb.lock.spinUnlock();
                    return -Errno.EINVAL;
                }
                ps.piMutex.waitLock().rawSpinLockIrqsave();
                RtMutexWaiter rw = ps.piMutex.rtMutexTopWaiter();
                if (k.reverted(Fix.FUTEX_PI_RECURSIVE_WAITER)) {
                    getPiState(ps);
                    hb.lock.spinUnlock();
                    if (rw == null) {
                        Splat.report(Symptom.A_S5, "WARNING: CPU: 0 PID: " + cur.pid() + " at kernel/futex/pi.c "
                                + "wake_futex_pi\nWARN_ON_ONCE(!top_waiter): futex waiter " + top.task
                                + " queued without an rt_mutex waiter", false);
                        ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
                        ret = -Errno.EAGAIN;
                    } else {
                        ret = wakeFutexPi(uaddr, uval, ps, rw);
                    }
                    putPiState(ps);
                    break;
                }
                if (rw == null) {
                    if (k.reverted(Fix.FUTEX_PI_STALE_PI_STATE)) {
                        ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
                        uncontended = true; // the waiter is leaving: the uncontended path "is safe"
                        break;
                    }
                    Core.futexUnqueueLocked(top); // remove the stale futex_q, look again
                    ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
                    continue;
                }
                getPiState(ps);
                hb.lock.spinUnlock();
                ret = wakeFutexPi(uaddr, uval, ps, rw); // drops wait_lock
                putPiState(ps);
                break;
            }
            if (!uncontended) {
                if (ret == 0) {
                    return 0;
                }
                if (ret == -Errno.EFAULT) {
                    ret = progress.faultIn(uaddr);
                    if (ret != 0) {
                        return ret;
                    }
                    continue;
                }
                if (ret == -Errno.EAGAIN) {
                    Sched.condResched();
                    continue;
                }
                return ret;
            }
            // do_uncontended (U6, U7), with hb->lock held.
            Ref<Integer> curval = new Ref<>();
            ret = Core.futexCmpxchgValueLocked(curval, uaddr, uval, 0);
            if (ret == -Errno.EFAULT) {
                hb.lock.spinUnlock();
                ret = progress.faultIn(uaddr);
                if (ret != 0) {
                    return ret;
                }
                continue;
            }
            ret = curval.value == uval ? 0 : -Errno.EAGAIN;
            if (ret == 0) {
                checkNoKernelStateLeft(hb, key.value);
            }
            hb.lock.spinUnlock();
            return ret;
        }
    }

    /**
     * Invariant docs/model.md A.5.4 (e626cb02ee83): a futex handed back to user space as free must have no futex_q with
     * a pi_state left in the bucket, or the next locker attaches to a stale pi_state (A-S4).
     */
    private static void checkNoKernelStateLeft(HashBucket hb, FutexKey key) {
        for (FutexQ q : hb.chain) {
            if (q.key.matches(key) && q.piState != null) {
                Task cur = Task.current();
                Splat.report(Symptom.A_S4, "WARNING: CPU: 0 PID: " + cur.pid()
                        + " at kernel/futex/pi.c futex_unlock_pi\nfutex " + key + " released to user space (TID 0) while "
                        + q + " (pi_state owner " + q.piState.owner + ") is still queued", false);
                return;
            }
        }
    }

    /**
     * wake_futex_pi(): hand the futex to the rt_mutex top waiter: the word gets its TID with WAITERS, the
     * pi_state its ownership, and the rt_mutex is released to it. Entered with wait_lock held, the lock that makes
     * those three one change for anyone who looks; drops it.
     */
    static int wakeFutexPi(long uaddr, int uval, PiState ps, RtMutexWaiter top) {
        Lockdep.lockdepAssertHeld(ps.piMutex.waitLock(), "kernel/futex/pi.c wake_futex_pi");
        Task newOwner = top.task();
        int newval = FutexAbi.FUTEX_WAITERS | newOwner.pid();
        Ref<Integer> curval = new Ref<>();
        int ret = Core.futexCmpxchgValueLocked(curval, uaddr, uval, newval);
        if (ret == 0 && curval.value != uval) {
            ret = FutexAbi.tid(curval.value) == uval ? -Errno.EAGAIN : -Errno.EINVAL;
        }
        WakeQ wq = new WakeQ();
        boolean post = false;
        if (ret == 0) {
            piStateUpdateOwner(ps, newOwner);
            post = RtmutexApi.rtMutexFutexUnlockLocked(ps.piMutex, wq);
        }
        ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
        if (post) {
            wq.wakeUpQ();
        }
        return ret;
    }

}
