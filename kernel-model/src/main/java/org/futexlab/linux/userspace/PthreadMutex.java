package org.futexlab.linux.userspace;

import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * A plain futex mutex in the style of glibc's lowlevellock (Drepper, "Futexes Are Tricky", mutex 2): 0 free,
 * 1 locked, 2 locked with possible waiters. Unlock wakes only when the word says someone may be waiting.
 */
public final class PthreadMutex {
    private final long word;
    private final boolean shared;

    /** @param word the address of the futex word in user memory (zero-initialized) */
    public PthreadMutex(long word, boolean shared) {
        this.word = word;
        this.shared = shared;
    }

    public long word() {
        return word;
    }

    private int flag() {
        return shared ? 0 : FutexAbi.FUTEX_PRIVATE_FLAG;
    }

    /** pthread_mutex_lock(). */
    public void lock() {
        timedLock(0);
    }

    /**
     * pthread_mutex_timedlock() with a relative timeout (FUTEX_WAIT's own timeout is relative), or
     * pthread_mutex_lock() when timespecAddr is 0.
     *
     * @return 0, or -ETIMEDOUT
     */
    public long timedLock(long timespecAddr) {
        int c = Libc.cmpxchg(word, 0, 1);
        if (c == 0) {
            return 0;
        }
        if (c != 2) {
            c = Libc.xchg(word, 2);
        }
        while (c != 0) {
            long r = Libc.futex(word, FutexAbi.FUTEX_WAIT | flag(), 2, timespecAddr, 0, 0);
            if (r == -Errno.ETIMEDOUT) {
                return r;
            }
            if (r < 0 && r != -Errno.EAGAIN && r != -Errno.EINTR) {
                throw new IllegalStateException("FUTEX_WAIT failed: " + Errno.describe(r));
            }
            c = Libc.xchg(word, 2);
        }
        return 0;
    }

    /**
     * pthread_mutex_trylock().
     *
     * @return whether it was taken
     */
    public boolean tryLock() {
        return Libc.cmpxchg(word, 0, 1) == 0;
    }

    /** pthread_mutex_unlock(). */
    public void unlock() {
        if (Libc.fetchAdd(word, -1) != 1) {
            Libc.store(word, 0);
            Libc.futex(word, FutexAbi.FUTEX_WAKE | flag(), 1, 0, 0, 0);
        }
    }
}
