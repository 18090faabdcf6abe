package org.futexlab.linux.kernel.locking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.sched.Task;

/**
 * struct rt_mutex_base: the owner word (a task and the RT_MUTEX_HAS_WAITERS bit), the waiters ordered by
 * priority, and wait_lock, a raw spinlock that serializes everything but the lock-free fast paths.
 */
public class RtMutexBase {
    /**
     * The owner word: task pointer and HAS_WAITERS bit, a value the lock's AtomicReference swaps whole. Tasks hold
     * their two canonical words, so that compare-and-set (which compares identity) matches them.
     *
     * @param task the owner, or null
     * @param hasWaiters RT_MUTEX_HAS_WAITERS: the unlock must take the slow path
     */
    public record Owner(Task task, boolean hasWaiters) {}

    /** RT_MUTEX_HAS_WAITERS with no owner: a lock handed to its top waiter, not yet taken. */
    static final Owner WAITERS_NO_OWNER = new Owner(null, true);

    final Kernel kernel;
    private final String name;
    final RawSpinlock waitLock;
    final AtomicReference<Owner> owner = new AtomicReference<>();
    /** Under waitLock, highest priority first, FIFO among equals. */
    final List<RtMutexWaiter> waiters = new ArrayList<>();

    public RtMutexBase(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
        this.waitLock = new RawSpinlock(kernel, name + "->wait_lock");
    }

    public String name() {
        return name;
    }

    public RawSpinlock waitLock() {
        return waitLock;
    }

    /** rt_mutex_owner(). */
    public Task rtMutexOwner() {
        Owner o = owner.get();
        return o == null ? null : o.task;
    }

    /** rt_mutex_has_waiters(): the tree it reads is wait_lock's. */
    public boolean rtMutexHasWaiters() {
        Lockdep.lockdepAssertHeld(waitLock, "kernel/locking/rtmutex_common.h rt_mutex_has_waiters");
        return !waiters.isEmpty();
    }

    /** rt_mutex_top_waiter(): the tree it reads is wait_lock's. */
    public RtMutexWaiter rtMutexTopWaiter() {
        Lockdep.lockdepAssertHeld(waitLock, "kernel/locking/rtmutex_common.h rt_mutex_top_waiter");
        return waiters.isEmpty() ? null : waiters.get(0);
    }

    /** @return the waiters, highest priority first (a copy, for checks and reports) */
    public List<RtMutexWaiter> waiters() {
        return new ArrayList<>(waiters);
    }

    @Override
    public String toString() {
        return name;
    }
}
