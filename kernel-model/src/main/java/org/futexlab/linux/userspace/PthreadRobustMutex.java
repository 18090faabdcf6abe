package org.futexlab.linux.userspace;

import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * A robust mutex in the style of glibc's PTHREAD_MUTEX_ROBUST (non-PI): the lock word holds the owner's TID,
 * with WAITERS when someone sleeps on it and OWNER_DIED once the kernel found its owner dead. A locked mutex sits
 * on its owner's robust list, and list_op_pending names it while it is being locked or unlocked, so that the
 * kernel can finish the job if the owner dies in the middle.
 *
 * <p>Layout in user memory: the lock word at the mutex's address, the list entry (next, prev) after it.
 *
 * <p>Unlock protocols: {@link Protocol#LEGACY} releases the word, wakes, then clears list_op_pending: a death in
 * between leaves list_op_pending naming memory that may be unmapped and reused by then (glibc BZ 14485).
 * {@link Protocol#ROBUST_UNLOCK} (2026) releases and clears in the vDSO try-unlock, or in the
 * FUTEX_ROBUST_UNLOCK system call when contended; the kernel cleans up an interrupted try-unlock.
 * {@link Protocol#AUTO} picks the robust unlock when the vDSO has it.
 */
public final class PthreadRobustMutex {
    /** How unlock releases the mutex. */
    public enum Protocol {
        LEGACY, ROBUST_UNLOCK, AUTO
    }

    /** futex_offset of a list of these mutexes: from the list entry back to the lock word. */
    public static final long FUTEX_OFFSET_64 = -8, FUTEX_OFFSET_32 = -4;

    private final long word;
    private final boolean ptr32;
    private final Protocol protocol;

    /**
     * @param addr the mutex in user memory (zero-initialized, 24 bytes, or 12 for a 32-bit layout)
     * @param ptr32 a 32-bit layout (a 32-bit program, or an emulated guest)
     */
    public PthreadRobustMutex(long addr, boolean ptr32, Protocol protocol) {
        this.word = addr;
        this.ptr32 = ptr32;
        this.protocol = protocol;
    }

    public long word() {
        return word;
    }

    /** @return the address of the mutex's list entry, which the robust list links */
    public long entry() {
        return word + FutexAbi.sizeofPtr(ptr32);
    }

    private long nextSlot() {
        return entry();
    }

    private long prevSlot() {
        return entry() + FutexAbi.sizeofPtr(ptr32);
    }

    /**
     * Robust mutexes always use shared futex operations, process-private or not, as glibc's do: the kernel's
     * exit walk wakes with a shared key, which no private waiter's key matches.
     */
    private int flag() {
        return 0;
    }

    /**
     * pthread_mutex_lock() of a robust mutex, by a thread whose robust list is list.
     *
     * @return 0, or EOWNERDEAD (positive, as pthread returns it) when the previous owner died holding it
     */
    public int lock(RobustListHead list) {
        Libc.storePtr(list.pendingSlot(), entry(), ptr32); // LK1
        int tid = Libc.gettid();
        boolean ownerDied = false;
        int old = Libc.cmpxchg(word, 0, tid); // LK2
        while (old != 0) {
            if ((old & FutexAbi.FUTEX_OWNER_DIED) != 0 && FutexAbi.tid(old) == 0) {
                int got = Libc.cmpxchg(word, old, tid | (old & FutexAbi.FUTEX_WAITERS));
                if (got == old) {
                    ownerDied = true;
                    break;
                }
                old = got;
                continue;
            }
            if ((old & FutexAbi.FUTEX_WAITERS) == 0) {
                int got = Libc.cmpxchg(word, old, old | FutexAbi.FUTEX_WAITERS);
                if (got != old) {
                    old = got;
                    continue;
                }
                old |= FutexAbi.FUTEX_WAITERS;
            }
            long r = Libc.futex(word, FutexAbi.FUTEX_WAIT | flag(), old, 0, 0, 0);
            if (r < 0 && r != -Errno.EAGAIN && r != -Errno.EINTR) {
                throw new IllegalStateException("FUTEX_WAIT failed: " + Errno.describe(r));
            }
            // Having slept, others may sleep too: take it with WAITERS, as glibc does.
            old = Libc.cmpxchg(word, 0, tid | FutexAbi.FUTEX_WAITERS);
        }
        long head = list.addr(); // LK3: push at the front of the list
        long first = Libc.loadPtr(list.nextSlot(), ptr32);
        Libc.storePtr(nextSlot(), first, ptr32);
        Libc.storePtr(prevSlot(), head, ptr32);
        if (first != head) {
            Libc.storePtr(first + FutexAbi.sizeofPtr(ptr32), entry(), ptr32);
        }
        Libc.storePtr(list.nextSlot(), entry(), ptr32);
        Libc.storePtr(list.pendingSlot(), 0, ptr32); // LK4
        return ownerDied ? Errno.EOWNERDEAD : 0;
    }

    /** pthread_mutex_unlock() by the owner, whose robust list is list. */
    public void unlock(RobustListHead list) {
        Libc.storePtr(list.pendingSlot(), entry(), ptr32); // UU1
        long head = list.addr(); // UU2: unlink
        long prev = Libc.loadPtr(prevSlot(), ptr32);
        long next = Libc.loadPtr(nextSlot(), ptr32);
        Libc.storePtr(prev == head ? list.nextSlot() : prev, next, ptr32);
        if (next != head) {
            Libc.storePtr(next + FutexAbi.sizeofPtr(ptr32), prev, ptr32);
        }
        int tid = Libc.gettid();
        boolean robustUnlock = protocol == Protocol.ROBUST_UNLOCK
                || protocol == Protocol.AUTO && Libc.vdsoHasRobustTryUnlock();
        if (robustUnlock) { // UU3 and UU4 in one step, or in one system call
            int lval = Libc.vdsoRobustTryUnlock(word, tid, list.pendingSlot(), ptr32);
            if (lval != tid) {
                int op = FutexAbi.FUTEX_UNLOCK_WAKE_LIST64 | (ptr32 ? FutexAbi.FUTEX_ROBUST_LIST32 : 0) | flag();
                long r = Libc.futex(word, op, 1, 0, list.pendingSlot(), 0);
                if (r < 0) {
                    throw new IllegalStateException("FUTEX_UNLOCK_WAKE_LIST failed: " + Errno.describe(r));
                }
            }
            return;
        }
        int old = Libc.xchg(word, 0); // UU3
        if ((old & FutexAbi.FUTEX_WAITERS) != 0) {
            Libc.futex(word, FutexAbi.FUTEX_WAKE | flag(), 1, 0, 0, 0);
        }
        Libc.storePtr(list.pendingSlot(), 0, ptr32); // UU4
    }

    @Override
    public String toString() {
        return String.format("robust mutex at 0x%x", word);
    }
}
