package org.futexlab.linux.kernel.futex;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.futexlab.linux.kernel.locking.RtMutexWaiter;
import org.futexlab.linux.kernel.locking.Spinlock;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * struct futex_q: one waiter of a futex, on its stack. lock_ptr is the bucket lock while queued; a waker
 * clears it (with release semantics) after unlinking the entry, which is how the waiter learns it was woken.
 */
public final class FutexQ {
    /** Requeue-PI handshake states (Q_REQUEUE_PI_*). */
    public static final int Q_REQUEUE_PI_NONE = 0, Q_REQUEUE_PI_IGNORE = 1, Q_REQUEUE_PI_IN_PROGRESS = 2,
            Q_REQUEUE_PI_WAIT = 3, Q_REQUEUE_PI_DONE = 4, Q_REQUEUE_PI_LOCKED = 5;

    Task task;
    final AtomicReference<Spinlock> lockPtr = new AtomicReference<>();
    FutexKey key;
    PiState piState;
    RtMutexWaiter rtWaiter;
    FutexKey requeuePiKey;
    int bitset = FutexAbi.FUTEX_BITSET_MATCH_ANY;
    final AtomicInteger requeueState = new AtomicInteger(Q_REQUEUE_PI_NONE);
    int prio;
    long seq;
    /** The plist node is linked (!plist_node_empty). Under the bucket lock. */
    boolean linked;

    public Task task() {
        return task;
    }

    public FutexKey key() {
        return key;
    }

    public PiState piState() {
        return piState;
    }

    @Override
    public String toString() {
        return "futex_q of " + task + " on " + key + (piState != null ? " with pi_state" : "");
    }
}
