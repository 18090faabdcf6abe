package org.futexlab.linux.kernel.futex;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.Spinlock;

/**
 * struct futex_hash_bucket: a lock (a spinlock_t, so an rtlock on PREEMPT_RT; it cannot be raw, a bucket may
 * hold any number of waiters), the waiter count futex_wake() reads without the lock, and the plist of queued
 * futex_q, highest priority first. Many keys share a bucket.
 */
public final class HashBucket {
    final Kernel kernel;
    final int index;
    final Spinlock lock;
    /** futex_hb_waiters_inc/dec, paired with full barriers so a lockless waker never misses a waiter. */
    final AtomicInteger waiters = new AtomicInteger();
    /** Under lock. */
    final List<FutexQ> chain = new ArrayList<>();

    public HashBucket(Kernel kernel, int index) {
        this.kernel = kernel;
        this.index = index;
        this.lock = new Spinlock(kernel, "&hb->lock");
    }

    public Spinlock lock() {
        return lock;
    }

    /** @return the queued futex_q (a copy; for checks and reports) */
    public List<FutexQ> chain() {
        return new ArrayList<>(chain);
    }

    @Override
    public String toString() {
        return "hb[" + index + "]";
    }
}
