package com.example.mutex;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A user's tiny model: a mutex in the style of a futex lock, one atomic word (0 free, 1 held) and a few waiter
 * slots, each an atomic reference to a parked thread, so that every access to shared state is a scheduling point.
 * Its one variant, {@value #PEEK_BEFORE_RELEASE}, reverts the fix that made unlock release the word before it
 * looks for a waiter.
 *
 * <p>The protocol: a waiter publishes itself in a slot before it retries the word; an unlocker releases the word
 * before it reads the slots. So a waiter the unlocker does not see published itself after the release, and its
 * retry finds the word free (or taken by a thread whose own unlock will see it).
 */
public final class ParkingMutex {
    /** The variant id, as in META-INF/futex/variants.properties. */
    public static final String PEEK_BEFORE_RELEASE = "mutex-peek-before-release";
    /** Threads that may wait at once. */
    public static final int MAX_WAITERS = 4;

    private final AtomicInteger word = new AtomicInteger();
    private final List<AtomicReference<Thread>> waiters = new ArrayList<>();
    private final boolean peekBeforeRelease;

    /** @param peekBeforeRelease true to revert the fix */
    public ParkingMutex(boolean peekBeforeRelease) {
        this.peekBeforeRelease = peekBeforeRelease;
        for (int i = 0; i < MAX_WAITERS; i++) {
            waiters.add(new AtomicReference<>());
        }
    }

    /** Takes the mutex; not interruptible (an interrupt is kept for the caller). */
    public void lock() {
        if (word.compareAndSet(0, 1)) {
            return;
        }
        Thread self = Thread.currentThread();
        AtomicReference<Thread> slot = publish(self);
        boolean interrupted = false;
        while (!word.compareAndSet(0, 1)) {
            LockSupport.park(this); // wake-ups may be spurious: loop
            interrupted |= Thread.interrupted(); // else park returns at once from now on
        }
        slot.set(null);
        if (interrupted) {
            self.interrupt();
        }
    }

    public boolean tryLock() {
        return word.compareAndSet(0, 1);
    }

    public void unlock() {
        if (peekBeforeRelease) {
            // The bug: a waiter that publishes itself and fails its retry between the read of the slots and the
            // release parks with nobody left to wake it.
            Thread waiter = firstWaiter();
            word.set(0);
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
            return;
        }
        word.set(0);
        Thread waiter = firstWaiter();
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    private AtomicReference<Thread> publish(Thread self) {
        for (AtomicReference<Thread> slot : waiters) {
            if (slot.compareAndSet(null, self)) {
                return slot;
            }
        }
        throw new IllegalStateException("more than " + MAX_WAITERS + " threads wait for one ParkingMutex");
    }

    private Thread firstWaiter() {
        for (AtomicReference<Thread> slot : waiters) {
            Thread t = slot.get();
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
