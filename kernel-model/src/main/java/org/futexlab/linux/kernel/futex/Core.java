package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.Fix;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Gup;
import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Pte;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.mm.Vma;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.Mman;

/** kernel/futex/core.c: keys, the hash, queueing, user-word access under the bucket lock, and fault-in. */
public final class Core {
    private Core() {}

    /** Internal futex flags (kernel/futex/futex.h). */
    public static final int FLAGS_SHARED = 0x01, FLAGS_CLOCKRT = 0x02;
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
                    : FutexKey.privateKey(mm, uaddr);
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

    /** __futex_queue(): link q into the bucket's plist (under hb->lock). */
    static void futexQueueLocked(FutexQ q, HashBucket hb, Task task) {
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

    /** __futex_unqueue(): unlink q (under its bucket lock). */
    static void futexUnqueueLocked(FutexQ q) {
        if (!q.linked || q.lockPtr.get() == null) {
            Splat.report("futex", "WARNING: CPU: 0 PID: " + Task.current().pid()
                    + " at kernel/futex/core.c __futex_unqueue\n" + q + " is not queued", false);
            return;
        }
        HashBucket hb = bucketOf(q);
        hb.chain.remove(q);
        q.linked = false;
        hb.waiters.decrementAndGet();
    }

    /** @return the bucket whose lock q's lock_ptr names */
    static HashBucket bucketOf(FutexQ q) {
        for (HashBucket hb : Task.current().kernel().futexQueues()) {
            if (hb.lock == q.lockPtr.get()) {
                return hb;
            }
        }
        throw new IllegalStateException(q + " has no bucket");
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
     * futex_unqueue_pi(): drop a PI waiter's queue entry and its pi_state reference, under the bucket lock.
     * Since e626cb02ee83 the unqueue is conditional: futex_unlock_pi() may already have removed a leaving
     * waiter's entry.
     */
    static void futexUnqueuePi(FutexQ q) {
        Kernel k = Task.current().kernel();
        boolean conditional = !k.reverted(Fix.FUTEX_PI_RECURSIVE_WAITER) && !k.reverted(Fix.FUTEX_PI_STALE_PI_STATE);
        if (!conditional || q.linked) {
            futexUnqueueLocked(q);
        }
        Pi.putPiState(q.piState);
        q.piState = null;
    }

    /** futex_top_waiter(): the first queued waiter on key (under hb->lock). */
    public static FutexQ futexTopWaiter(HashBucket hb, FutexKey key) {
        for (FutexQ q : hb.chain) {
            if (q.key.matches(key)) {
                return q;
            }
        }
        return null;
    }

    /** futex_get_value_locked(): an in-atomic read, allowed under hb->lock. @return the word, or -EFAULT */
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
     * The progress check of a futex fault-retry loop (invariant D.5.1, symptom D-S1): once
     * fault_in_user_writeable() has returned 0, the next in-atomic access must succeed unless someone changed
     * the page table meanwhile. A loop that makes no progress three times is a soft lockup.
     */
    public static final class FaultProgress {
        private long addr = -1;
        private long seqAfterFaultIn = -1;
        private int stuck;

        /** An in-atomic access to uaddr faulted; called before faulting it in. */
        public void faulted(long uaddr) {
            Task cur = Task.current();
            MmStruct mm = cur.mm();
            if (uaddr != addr || mm.pteSeq() != seqAfterFaultIn) {
                stuck = 0;
                return;
            }
            stuck++;
            Pte pte = mm.pte(uaddr);
            if (stuck == 1) {
                Splat.report("D-S1", String.format("WARNING: CPU: 0 PID: %d at kernel/futex/core.c "
                        + "fault_in_user_writeable%nfault_in_user_writeable(0x%x) returned 0, yet the in-atomic "
                        + "access faults again with nothing changed: PTE %s (%s dirty tracking)", cur.pid(),
                        uaddr, pte == null ? "none" : Pte.describe(pte.bits()), cur.kernel().config().dirtyTracking()),
                        false);
            }
            if (stuck >= 3) {
                Splat.report("D-S1", "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [" + cur.comm() + ":"
                        + cur.pid() + "]", true);
            }
        }

        /** fault_in_user_writeable(uaddr) returned 0. */
        public void faultedIn(long uaddr) {
            addr = uaddr;
            seqAfterFaultIn = Task.current().mm().pteSeq();
        }
    }
}
