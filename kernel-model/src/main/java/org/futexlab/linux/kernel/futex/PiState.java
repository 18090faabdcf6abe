package org.futexlab.linux.kernel.futex;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.RtMutexBase;
import org.futexlab.linux.kernel.sched.Task;

/**
 * struct futex_pi_state: the kernel side of a contended PI futex: the rt_mutex waiters block on, its owner
 * (on whose pi_state_list it sits), a reference count and the key. {uval, pi_state} consistency is serialized
 * by pi_mutex.wait_lock; list membership by the owner's pi_lock.
 */
public final class PiState {
    final RtMutexBase piMutex;
    Task owner;
    final AtomicInteger refcount = new AtomicInteger(1);
    FutexKey key;

    PiState(Kernel kernel) {
        this.piMutex = new RtMutexBase(kernel, "&pi_state->pi_mutex");
    }

    public RtMutexBase piMutex() {
        return piMutex;
    }

    /** @return the futex owner the kernel records, or null (owner died) */
    public Task owner() {
        return owner;
    }

    public FutexKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "pi_state(" + key + ", owner " + owner + ")";
    }
}
