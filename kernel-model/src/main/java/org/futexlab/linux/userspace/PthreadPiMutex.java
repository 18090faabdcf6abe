package org.futexlab.linux.userspace;

import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * A priority-inheritance mutex in the style of glibc's PTHREAD_PRIO_INHERIT mutexes: the word holds the
 * owner's TID; the uncontended lock and unlock are a compare-and-swap in user space, everything else goes to
 * FUTEX_LOCK_PI and FUTEX_UNLOCK_PI.
 */
public final class PthreadPiMutex {
    private final long word;
    private final boolean shared;

    public PthreadPiMutex(long word, boolean shared) {
        this.word = word;
        this.shared = shared;
    }

    public long word() {
        return word;
    }

    private int flag() {
        return shared ? 0 : FutexAbi.FUTEX_PRIVATE_FLAG;
    }

    /**
     * pthread_mutex_timedlock() with an absolute CLOCK_REALTIME deadline, or pthread_mutex_lock() when
     * timespecAddr is 0.
     *
     * @return 0, -ETIMEDOUT, -EDEADLK, or another negated errno from FUTEX_LOCK_PI (a protocol violation)
     */
    public long lock(long timespecAddr) {
        int tid = Libc.gettid();
        if (Libc.cmpxchg(word, 0, tid) == 0) {
            return 0;
        }
        return Libc.futex(word, FutexAbi.FUTEX_LOCK_PI | flag(), 0, timespecAddr, 0, 0);
    }

    /** pthread_mutex_lock(). */
    public long lock() {
        return lock(0);
    }

    /**
     * pthread_mutex_trylock().
     *
     * @return 0 or -EBUSY
     */
    public long tryLock() {
        int tid = Libc.gettid();
        if (Libc.cmpxchg(word, 0, tid) == 0) {
            return 0;
        }
        long r = Libc.futex(word, FutexAbi.FUTEX_TRYLOCK_PI | flag(), 0, 0, 0, 0);
        return r == -Errno.EWOULDBLOCK ? -Errno.EBUSY : r;
    }

    /**
     * pthread_mutex_unlock(): TID to 0 in user space when uncontended, otherwise FUTEX_UNLOCK_PI, retried when
     * the kernel says the word changed under it (-EAGAIN).
     *
     * @return 0 or a negated errno
     */
    public long unlock() {
        int tid = Libc.gettid();
        if (Libc.cmpxchg(word, tid, 0) == tid) {
            return 0;
        }
        for (;;) {
            long r = Libc.futex(word, FutexAbi.FUTEX_UNLOCK_PI | flag(), 0, 0, 0, 0);
            if (r != -Errno.EAGAIN) {
                return r;
            }
        }
    }
}
