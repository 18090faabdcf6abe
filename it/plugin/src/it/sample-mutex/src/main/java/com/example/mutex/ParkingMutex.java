package com.example.mutex;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A user's tiny model: a mutex in the style of a futex lock, one atomic word (0 free, 1 held) and a queue of
 * parked waiters. Its one variant, {@value #PEEK_BEFORE_RELEASE}, reverts the fix that made unlock release the
 * word before it looks for a waiter.
 */
public final class ParkingMutex {
    /** The variant id, as in META-INF/futex/variants.properties. */
    public static final String PEEK_BEFORE_RELEASE = "mutex-peek-before-release";

    private final AtomicInteger word = new AtomicInteger();
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private final boolean peekBeforeRelease;

    /** @param peekBeforeRelease true to revert the fix */
    public ParkingMutex(boolean peekBeforeRelease) {
        this.peekBeforeRelease = peekBeforeRelease;
    }

    public void lock() {
        if (word.compareAndSet(0, 1)) {
            return;
        }
        Thread self = Thread.currentThread();
        // Queued before the retry: an unlock that releases after our failed compare-and-set sees us.
        waiters.add(self);
        while (!word.compareAndSet(0, 1)) {
            LockSupport.park(this); // wake-ups may be spurious: loop
        }
        waiters.remove(self);
    }

    public boolean tryLock() {
        return word.compareAndSet(0, 1);
    }

    public void unlock() {
        if (peekBeforeRelease) {
            // The bug: a waiter that queues and fails its compare-and-set between the peek and the release
            // parks with nobody left to wake it.
            Thread waiter = waiters.peek();
            word.set(0);
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
            return;
        }
        word.set(0);
        Thread waiter = waiters.peek();
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }
}
