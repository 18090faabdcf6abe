package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.Fix;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.kernel.locking.Spinlock;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Gup;
import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Pte;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.mm.Vma;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.uapi.Mman;

/** kernel/futex/core.c: keys, the hash, queueing, user-word access under the bucket lock, and fault-in. */
public final class Core {
    private Core() {}

    /** Internal futex flags (kernel/futex/futex.h). */
    public static final int FLAGS_SHARED = 0x01;
    /** get_futex_key() access. */
    public static final int FUTEX_READ = 0, FUTEX_WRITE = 1;
    /** plist priority of a futex_q: real-time tasks by priority, every other task at MAX_RT_PRIO. */
    static final int MAX_RT_PRIO = 100;

    /**
     * get_futex_key(): the key of the futex at uaddr.
     *
     * @return 0, -EINVAL (misaligned) or -EFAULT (not user memory, or no mapping for a shared futex)
     */
    public static int getFutexKey(long uaddr, int flags, Ref<FutexKey> key, int rw) {
        if (uaddr % 4 != 0) {
            return -Errno.EINVAL;
        }
        if (!Uaccess.accessOk(uaddr, 4)) {
            return -Errno.EFAULT;
        }
        MmStruct mm = Task.current().mm();
        if ((flags & FLAGS_SHARED) == 0) {
            key.value = FutexKey.privateKey(mm, uaddr);
            return 0;
        }
        mm.mmapLock().downRead();
        try {
            Vma vma = mm.findVma(uaddr);
            if (vma == null) {
                return -Errno.EFAULT;
            }
            key.value = vma.shared() ? FutexKey.sharedKey(vma.backing(),
                    vma.pageOffset(uaddr) * Mman.PAGE_SIZE + uaddr % Mman.PAGE_SIZE)
                    : FutexKey.mmSharedKey(mm, uaddr);
            return 0;
        } finally {
            mm.mmapLock().upRead();
        }
    }

    /** futex_hash(). */
    public static HashBucket futexHash(FutexKey key) {
        HashBucket[] q = Task.current().kernel().futexQueues();
        return q[key.hash() & (q.length - 1)];
    }

    /** futex_hb_waiters_pending(): read without the lock, after the barrier in futex_q_lock(). */
    static boolean futexHbWaitersPending(HashBucket hb) {
        return hb.waiters.get() > 0;
    }

    /**
     * futex_q_lock(): count the waiter first (full barrier; pairs with the waker's lockless check), then take
     * the bucket lock.
     */
    public static HashBucket futexQLock(FutexQ q) {
        HashBucket hb = futexHash(q.key);
        q.lockPtr.set(hb.lock);
        hb.waiters.incrementAndGet();
        hb.lock.spinLock();
        return hb;
    }

    /** futex_q_unlock(). */
    public static void futexQUnlock(HashBucket hb) {
        hb.lock.spinUnlock();
        hb.waiters.decrementAndGet();
    }

    /** __futex_queue(): link q into the bucket's plist, which hb->lock protects. */
    static void futexQueueLocked(FutexQ q, HashBucket hb, Task task) {
        Lockdep.lockdepAssertHeld(hb.lock, "kernel/futex/core.c __futex_queue");
        Task cur = Task.current();
        q.prio = Math.min(task.normalPrio(), MAX_RT_PRIO);
        q.seq = cur.kernel().nextSequence();
        q.task = task;
        int i = 0;
        while (i < hb.chain.size() && hb.chain.get(i).prio <= q.prio) {
            i++;
        }
        hb.chain.add(i, q);
        q.linked = true;
    }

    /** futex_queue(): queue and release the bucket lock. */
    public static void futexQueue(FutexQ q, HashBucket hb) {
        futexQueueLocked(q, hb, Task.current());
        hb.lock.spinUnlock();
    }

    /**
     * __futex_unqueue(): unlink q from the bucket its lock_ptr names, whose lock the caller holds. A q without a
     * lock_ptr, or not linked, is a caller's bug: WARN and leave it (WARN_ON_SMP(!q->lock_ptr),
     * WARN_ON(plist_node_empty(&amp;q->list)), as the kernel checks).
     */
    static void futexUnqueueLocked(FutexQ q) {
        // One read of lock_ptr, as container_of() in the kernel: it is stable while its bucket lock is held.
        futexUnqueueLocked(q, q.lockPtr.get());
    }

    /** __futex_unqueue() with lock_ptr already read by the caller, who holds that lock. */
    private static void futexUnqueueLocked(FutexQ q, Spinlock lockPtr) {
        if (lockPtr == null) {
            Splat.report(Symptom.FUTEX_SANITY, "WARNING: CPU: 0 PID: " + Task.current().pid()
                    + " at kernel/futex/core.c __futex_unqueue\nWARN_ON_SMP(!q->lock_ptr): " + q
                    + " has no bucket lock", false);
            return;
        }
        if (!q.linked) {
            Splat.report(Symptom.FUTEX_SANITY, "WARNING: CPU: 0 PID: " + Task.current().pid()
                    + " at kernel/futex/core.c __futex_unqueue\nWARN_ON(plist_node_empty(&q->list)): " + q
                    + " is not queued", false);
            return;
        }
        Lockdep.lockdepAssertHeld(lockPtr, "kernel/futex/core.c __futex_unqueue");
        HashBucket hb = bucketOf(lockPtr);
        hb.chain.remove(q);
        q.linked = false;
        hb.waiters.decrementAndGet();
    }

    /** @return the bucket a lock_ptr points into (container_of(lock_ptr, struct futex_hash_bucket, lock)) */
    static HashBucket bucketOf(Spinlock lockPtr) {
        for (HashBucket hb : Task.current().kernel().futexQueues()) {
            if (hb.lock == lockPtr) {
                return hb;
            }
        }
        throw new IllegalStateException(lockPtr + " is no bucket's lock");
    }

    /**
     * futex_unqueue(): remove q if it is still queued. The lock_ptr may change under us (a requeue), so the
     * bucket lock is taken and lock_ptr checked again.
     *
     * @return 1 when q was still queued (so nobody woke it), 0 when a waker already unqueued it
     */
    public static int futexUnqueue(FutexQ q) {
        for (;;) {
            var lockPtr = q.lockPtr.get();
            if (lockPtr == null) {
                return 0;
            }
            lockPtr.spinLock();
            if (lockPtr != q.lockPtr.get()) {
                lockPtr.spinUnlock();
                continue;
            }
            futexUnqueueLocked(q);
            lockPtr.spinUnlock();
            return 1;
        }
    }

    /**
     * futex_unqueue_pi(): drop a PI waiter's queue entry and its pi_state reference. PI waiters are never
     * requeued, so the bucket lock held is q's own. Since e626cb02ee83 the unqueue is conditional:
     * futex_unlock_pi() may already have removed a leaving waiter's entry; the lock must be held either way, so
     * it is asserted here and not only by __futex_unqueue(). A PI waiter without a pi_state is a BUG, as in the
     * kernel.
     */
    static void futexUnqueuePi(FutexQ q) {
        Task cur = Task.current();
        Kernel k = cur.kernel();
        Spinlock lockPtr = q.lockPtr.get();
        Lockdep.lockdepAssertHeld(lockPtr, "kernel/futex/core.c futex_unqueue_pi");
        boolean conditional = !k.reverted(Fix.FUTEX_PI_RECURSIVE_WAITER) && !k.reverted(Fix.FUTEX_PI_STALE_PI_STATE);
        if (!conditional || q.linked) {
            futexUnqueueLocked(q, lockPtr);
        }
        if (q.piState == null) {
            Splat.report(Symptom.FUTEX_SANITY, "kernel BUG at kernel/futex/core.c futex_unqueue_pi!\n"
                    + "BUG_ON(!q->pi_state): " + q + " is a PI waiter without a pi_state", true);
        }
        Pi.putPiState(q.piState);
        q.piState = null;
    }

    /** futex_top_waiter(): the first queued waiter on key; the plist it walks is hb->lock's. */
    public static FutexQ futexTopWaiter(HashBucket hb, FutexKey key) {
        Lockdep.lockdepAssertHeld(hb.lock, "kernel/futex/core.c futex_top_waiter");
        for (FutexQ q : hb.chain) {
            if (q.key.matches(key)) {
                return q;
            }
        }
        return null;
    }

    /**
     * futex_get_value_locked(): an in-atomic read, allowed under hb->lock.
     *
     * @return the word, or -EFAULT
     */
    public static long futexGetValueLocked(long uaddr) {
        Preempt.pagefaultDisable();
        try {
            return Uaccess.getUserInatomic(Task.current().mm(), uaddr);
        } finally {
            Preempt.pagefaultEnable();
        }
    }

    /**
     * futex_cmpxchg_value_locked(): an in-atomic compare-and-exchange.
     *
     * @return 0 with the value found in curval (the exchange happened iff it equals old), or -EFAULT
     */
    public static int futexCmpxchgValueLocked(Ref<Integer> curval, long uaddr, int old, int nv) {
        Preempt.pagefaultDisable();
        try {
            long r = Uaccess.cmpxchgInatomic(Task.current().mm(), uaddr, old, nv);
            if (r < 0) {
                return (int) r;
            }
            curval.value = (int) r;
            return 0;
        } finally {
            Preempt.pagefaultEnable();
        }
    }

    /**
     * fault_in_user_writeable(): make the futex word writable so that the in-atomic access can be retried.
     * Upstream (2efaca927f5c) calls fixup_user_fault(), which runs handle_mm_fault() and so fixes software dirty
     * and young bits; before it, get_user_pages() took a present writable PTE as it was. The read fault-in
     * proposed for write-only mappings (MIPS RIXI) follows.
     */
    public static int faultInUserWriteable(long uaddr) {
        Task cur = Task.current();
        Kernel k = cur.kernel();
        MmStruct mm = cur.mm();
        mm.mmapLock().downRead();
        try {
            if (k.reverted(Fix.FUTEX_FAULT_IN_GUP)) {
                int r = Gup.getUserPages(mm, uaddr, true);
                return r < 0 ? r : 0;
            }
            int ret = Memory.fixupUserFault(mm, uaddr, Memory.FAULT_FLAG_WRITE);
            if (ret == 0 && !k.reverted(Fix.FUTEX_FAULT_IN_WRITE_ONLY)) {
                ret = Memory.fixupUserFault(mm, uaddr, 0);
            }
            return ret;
        } finally {
            mm.mmapLock().upRead();
        }
    }

    /**
     * The progress check of a futex fault-retry loop (invariant docs/model.md D.5.1, symptom D-S1): once
     * fault_in_user_writeable() has returned 0, the next in-atomic access must succeed unless someone changed
     * the page table meanwhile. A loop that makes no progress three times is a soft lockup.
     */
    public static final class FaultProgress {
        private long addr = -1;
        private long seqAfterFaultIn = -1;
        private int stuck;

        /**
         * fault_in_user_writeable(uaddr) after an in-atomic access to uaddr faulted, with the progress check.
         *
         * @return 0, or the error that ends the retry loop
         */
        public int faultIn(long uaddr) {
            faulted(uaddr);
            int ret = faultInUserWriteable(uaddr);
            if (ret == 0) {
                faultedIn(uaddr);
            }
            return ret;
        }

        /** An in-atomic access to uaddr faulted; called before faulting it in. */
        private void faulted(long uaddr) {
            Task cur = Task.current();
            MmStruct mm = cur.mm();
            if (uaddr != addr || mm.pteSeq() != seqAfterFaultIn) {
                stuck = 0;
                return;
            }
            stuck++;
            Pte pte = mm.pte(uaddr);
            if (stuck == 1) {
                Splat.report(Symptom.D_S1, String.format("WARNING: CPU: 0 PID: %d at kernel/futex/core.c "
                        + "fault_in_user_writeable%nfault_in_user_writeable(0x%x) returned 0, yet the in-atomic "
                        + "access faults again with nothing changed: PTE %s (%s dirty tracking)", cur.pid(),
                        uaddr, pte == null ? "none" : Pte.describe(pte.bits()), cur.kernel().config().dirtyTracking()),
                        false);
            }
            if (stuck >= 3) {
                Splat.report(Symptom.D_S1, "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [" + cur.comm() + ":"
                        + cur.pid() + "]", true);
            }
        }

        /** fault_in_user_writeable(uaddr) returned 0. */
        private void faultedIn(long uaddr) {
            addr = uaddr;
            seqAfterFaultIn = Task.current().mm().pteSeq();
        }
    }

    // ------------------------------------------------------------------ robust lists and the futex exit path

    /** A robust-list pointer read from user memory: the entry, its PI marker, and (debug) where it came from. */
    static final class RobustPtr {
        long entry;
        boolean pi;
        /** Debug: the generation of the VMA the pointer pointed into when user space stored it, or -1. */
        long storedGeneration = -1;
    }

    /**
     * fetch_robust_entry(): a list pointer (64-bit, or a 32-bit compat one zero-extended), bit 0 the PI marker.
     * The debug shadow of user pointers tells a pointer read with another width than it was stored with (E-S5).
     *
     * @return 0, or -EFAULT
     */
    static int fetchRobustEntry(RobustPtr out, long slot, boolean ptr32) {
        int[] err = new int[1];
        long v = Uaccess.getUserPtr(slot, ptr32, err);
        if (err[0] != 0) {
            return err[0];
        }
        Task cur = Task.current();
        org.futexlab.linux.mm.UserPointer note = cur.mm().pointerAt(slot);
        if (note != null && note.width() != FutexAbi.sizeofPtr(ptr32)) {
            Splat.report(Symptom.E_S5, String.format("WARNING: CPU: 0 PID: %d at kernel/futex/core.c exit_robust_list%n"
                    + "robust list pointer at 0x%x read as %d-bit, but user space stored a %d-bit pointer there: "
                    + "the kernel uses 0x%x, user space meant 0x%x", cur.pid(), slot, ptr32 ? 32 : 64,
                    note.width() * 8, v, note.value()), false);
        }
        out.entry = v & ~FutexAbi.FUTEX_ROBUST_MOD_PI;
        out.pi = (v & FutexAbi.FUTEX_ROBUST_MOD_PI) != 0;
        out.storedGeneration = note == null ? -1 : note.generation();
        return 0;
    }

    /**
     * E-S1: the exit path is about to write or wake at uaddr, reached through a pointer stored when another
     * mapping (generation) was there: the mutex it meant is gone and the address was reused.
     */
    private static void checkStillMapsTheMutex(long uaddr, long storedGeneration, String what) {
        if (storedGeneration < 0) {
            return;
        }
        Task cur = Task.current();
        Vma vma = cur.mm().findVma(uaddr);
        long now = vma == null ? -1 : vma.generation();
        if (now != storedGeneration) {
            Splat.report(Symptom.E_S1, String.format("WARNING: CPU: 0 PID: %d at kernel/futex/core.c "
                    + "handle_futex_death%nrobust futex exit of %s %s at 0x%x, which no longer maps the mutex: "
                    + "the pointer was stored when VMA generation %d was there, now %s is", cur.pid(), cur, what, uaddr, storedGeneration,
                    vma == null ? "nothing" : vma), false);
        }
    }

    /**
     * handle_futex_death(): the dying owner's lock word gets OWNER_DIED (with the TID cleared and WAITERS kept),
     * and one waiter is woken (non-PI; a PI waiter is woken by exit_pi_state_list()). For the pending operation of
     * a non-PI futex that has no owner, only the wake-up is resent: the owner may have died after releasing it but
     * before its wake-up.
     *
     * @return 0, or -1 to abort the walk (an unaligned or unreadable word)
     */
    static int handleFutexDeath(long uaddr, Task curr, boolean pi, boolean pendingOp, long storedGeneration) {
        if (uaddr % 4 != 0) {
            return -1;
        }
        for (;;) { // retry
            long r = Uaccess.getUser(uaddr);
            if (r < 0) {
                return -1;
            }
            int uval = (int) r;
            int owner = FutexAbi.tid(uval);
            if (pendingOp && !pi && owner == 0) {
                checkStillMapsTheMutex(uaddr, storedGeneration, "wakes");
                Waitwake.futexWake(uaddr, FLAGS_SHARED, 1, FutexAbi.FUTEX_BITSET_MATCH_ANY);
                return 0;
            }
            if (owner != curr.pid()) {
                return 0;
            }
            int mval = (uval & FutexAbi.FUTEX_WAITERS) | FutexAbi.FUTEX_OWNER_DIED;
            checkStillMapsTheMutex(uaddr, storedGeneration, "writes OWNER_DIED");
            Ref<Integer> nval = new Ref<>();
            int err = futexCmpxchgValueLocked(nval, uaddr, uval, mval);
            if (err == -Errno.EFAULT) {
                if (faultInUserWriteable(uaddr) != 0) {
                    return -1;
                }
                continue;
            }
            if (nval.value != uval) {
                continue;
            }
            if (!pi && (uval & FutexAbi.FUTEX_WAITERS) != 0) {
                Waitwake.futexWake(uaddr, FLAGS_SHARED, 1, FutexAbi.FUTEX_BITSET_MATCH_ANY);
            }
            return 0;
        }
    }

    /**
     * exit_robust_list() and compat_exit_robust_list(): walk a dying task's robust list in user memory and mark
     * every futex it still owns. The next pointer is read before an entry is handled (handling may free it); the
     * pending operation is skipped in the walk and handled last; any fault ends the walk silently.
     *
     * @param ptr32 the list holds 32-bit pointers (compat, or ROBUST_LIST_32BIT)
     * @param limited stop, silently, after ROBUST_LIST_LIMIT entries (every legacy list)
     * @param destructive point each handled entry back at the head (set_robust_list2 v4), so that a cycle ends
     */
    static void exitRobustList(Task curr, long head, boolean ptr32, boolean limited, boolean destructive) {
        int w = FutexAbi.sizeofPtr(ptr32);
        RobustPtr entry = new RobustPtr();
        if (fetchRobustEntry(entry, head, ptr32) != 0) {
            return;
        }
        int[] err = new int[1];
        long offsetWord = Uaccess.getUserPtr(head + w, ptr32, err);
        if (err[0] != 0) {
            return;
        }
        long futexOffset = ptr32 ? (int) offsetWord : offsetWord; // a compat_long_t: signed
        RobustPtr pending = new RobustPtr();
        if (fetchRobustEntry(pending, head + 2L * w, ptr32) != 0) {
            return;
        }
        int limit = FutexAbi.ROBUST_LIST_LIMIT;
        java.util.Set<Long> seen = new java.util.HashSet<>(); // debug only: an endless walk (E-S4)
        while (entry.entry != head) {
            if (!limited && !destructive && !seen.add(entry.entry)) {
                Splat.report(Symptom.E_S4, String.format("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [%s:%d]%n"
                        + "exit_robust_list() of %s is back at entry 0x%x: the list is circular and nothing ends "
                        + "the walk", curr.comm(), curr.pid(), curr, entry.entry), true);
            }
            RobustPtr next = new RobustPtr();
            int rc = fetchRobustEntry(next, entry.entry, ptr32);
            if (entry.entry != pending.entry) {
                if (handleFutexDeath(robustWord(entry.entry, futexOffset, ptr32), curr, entry.pi, false,
                        entry.storedGeneration) != 0) {
                    return;
                }
            }
            if (destructive && Uaccess.putUserPtr(head, entry.entry, ptr32) != 0) {
                return;
            }
            if (rc != 0) {
                return;
            }
            entry = next;
            if (limited && --limit == 0) {
                checkNothingLeftBehind(curr, entry, head, futexOffset, ptr32);
                break;
            }
            Sched.condResched();
        }
        if (pending.entry != 0) {
            handleFutexDeath(robustWord(pending.entry, futexOffset, ptr32), curr, pending.pi, true,
                    pending.storedGeneration);
        }
    }

    /** The lock word of an entry: entry + futex_offset, wrapping at 32 bits for a 32-bit list. */
    private static long robustWord(long entry, long futexOffset, boolean ptr32) {
        long a = entry + futexOffset;
        return ptr32 ? a & 0xffff_ffffL : a;
    }

    /**
     * E-S2 (glibc BZ 19089): the walk stopped at ROBUST_LIST_LIMIT. A debug look at the next few entries: one
     * that the dead task still owns will never get OWNER_DIED, and its waiters sleep forever.
     */
    private static void checkNothingLeftBehind(Task curr, RobustPtr entry, long head, long futexOffset,
            boolean ptr32) {
        RobustPtr e = entry;
        for (int i = 0; i < 4 && e.entry != head; i++) {
            long word = robustWord(e.entry, futexOffset, ptr32);
            long v = Uaccess.getUser(word);
            if (v >= 0 && FutexAbi.tid((int) v) == curr.pid()) {
                Splat.report(Symptom.E_S2, String.format("WARNING: CPU: 0 PID: %d at kernel/futex/core.c "
                        + "exit_robust_list%nthe walk stopped after ROBUST_LIST_LIMIT (%d) entries; the futex at "
                        + "0x%x still names %s and never gets OWNER_DIED", curr.pid(), FutexAbi.ROBUST_LIST_LIMIT,
                        word, curr), false);
                return;
            }
            RobustPtr n = new RobustPtr();
            if (fetchRobustEntry(n, e.entry, ptr32) != 0) {
                return;
            }
            e = n;
        }
    }

    /**
     * E-S6: a reader of the set_robust_list2 table reached an entry whose fields were not written yet.
     */
    static void checkInitialized(RobustList2Entry e, Task owner, String reader) {
        if (!e.initialized) {
            Task cur = Task.current();
            Splat.report(Symptom.E_S6, String.format("BUG: KASAN: use of uninitialized memory in %s%n"
                    + "%s reads %s of %s before set_robust_list2() wrote it", reader, cur, e, owner), false);
        }
    }

    /**
     * exit_pi_state_list(): the dying task gives up the PI futexes it still owns in the kernel: each pi_state
     * loses its owner, and its rt_mutex is handed to the top waiter, who then fixes the user word (OWNER_DIED).
     * Lock order: hb->lock, then pi_mutex.wait_lock, then the owner's pi_lock.
     */
    static void exitPiStateList(Task curr) {
        curr.piLock.rawSpinLockIrqsave();
        while (!curr.piStateList.isEmpty()) {
            PiState ps = curr.piStateList.get(0);
            if (ps.refcount.get() == 0) { // being freed: let its last user finish
                curr.piLock.rawSpinUnlockIrqrestore();
                Thread.onSpinWait();
                curr.piLock.rawSpinLockIrqsave();
                continue;
            }
            Pi.getPiState(ps);
            curr.piLock.rawSpinUnlockIrqrestore();
            HashBucket hb = futexHash(ps.key);
            hb.lock.spinLock();
            ps.piMutex.waitLock().rawSpinLockIrqsave();
            curr.piLock.rawSpinLock();
            if (curr.piStateList.isEmpty() || curr.piStateList.get(0) != ps) {
                // Someone else (an attach or a fixup) changed the list meanwhile: look again.
                curr.piLock.rawSpinUnlock();
                ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
                hb.lock.spinUnlock();
                Pi.putPiState(ps);
                curr.piLock.rawSpinLockIrqsave();
                continue;
            }
            curr.piStateList.remove(0);
            ps.owner = null;
            curr.piLock.rawSpinUnlock();
            ps.piMutex.waitLock().rawSpinUnlockIrqrestore();
            hb.lock.spinUnlock();
            org.futexlab.linux.kernel.locking.RtmutexApi.rtMutexFutexUnlock(ps.piMutex);
            Pi.putPiState(ps);
            curr.piLock.rawSpinLockIrqsave();
        }
        curr.piLock.rawSpinUnlockIrqrestore();
    }

    /**
     * futex_exit_release() (from mm_release() in do_exit()): under futex_exit_mutex, mark the task EXITING (an
     * attacher that sees it waits on the mutex), walk its robust lists (native, compat, then the
     * set_robust_list2 table in index order), give up its PI state, and mark it DEAD.
     */
    public static void futexExitRelease(Task curr) {
        Kernel k = curr.kernel();
        // futex_cleanup_begin()
        curr.futexExitMutex.rtMutexLock();
        curr.piLock.rawSpinLockIrqsave();
        curr.futexState = Task.FUTEX_STATE_EXITING;
        curr.piLock.rawSpinUnlockIrqrestore();
        // futex_cleanup()
        long head = curr.robustList;
        if (head != 0) {
            exitRobustList(curr, head, false, true, false);
            curr.robustList = 0;
        }
        long compatHead = curr.compatRobustList;
        if (compatHead != 0) {
            exitRobustList(curr, compatHead, true, true, false);
            curr.compatRobustList = 0;
        }
        for (RobustList2Entry e = curr.robustList2; e != null; e = e.next) {
            checkInitialized(e, curr, "futex_cleanup");
            boolean ptr32 = e.listType == FutexAbi.ROBUST_LIST_32BIT && !k.reverted(Fix.ROBUST_LIST2_32BIT);
            exitRobustList(curr, e.head, ptr32, k.reverted(Fix.ROBUST_LIST2_UNLIMITED),
                    !k.reverted(Fix.ROBUST_LIST2_DESTRUCTIVE_WALK));
        }
        if (!curr.piStateList.isEmpty()) {
            exitPiStateList(curr);
        }
        // futex_cleanup_end()
        curr.futexState = Task.FUTEX_STATE_DEAD;
        curr.futexExitMutex.rtMutexUnlock();
    }
}
