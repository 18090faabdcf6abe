package org.futexlab.linux.testing;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.futexlab.linux.kernel.locking.RtMutexWaiter;
import org.futexlab.linux.kernel.sched.Task;

/**
 * Assertions on a task's rt_mutex state: its pi_blocked_on, the waiters it has enqueued on any rt_mutex
 * (invariant docs/model.md A.5.1 says at most one, and pi_blocked_on names it), and its priorities.
 */
public final class TaskAssert extends AbstractAssert<TaskAssert, Task> {
    TaskAssert(Task actual) {
        super(actual, TaskAssert.class);
    }

    /** Verifies that pi_blocked_on is NULL. */
    public TaskAssert isNotBlocked() {
        isNotNull();
        if (actual.piBlockedOn != null) {
            failWithMessage("Expecting %s not to be blocked on an rt_mutex but pi_blocked_on is %s", actual,
                    actual.piBlockedOn);
        }
        return this;
    }

    /** Verifies that pi_blocked_on is a waiter on the lock of this name (such as {@code &pi_state->pi_mutex}). */
    public TaskAssert isBlockedOn(String lockName) {
        isNotNull();
        RtMutexWaiter w = actual.piBlockedOn;
        if (w == null || !String.valueOf(w.lock()).equals(lockName)) {
            failWithMessage("Expecting %s to be blocked on %s but pi_blocked_on is %s", actual, lockName, w);
        }
        return this;
    }

    /** Verifies that the task has no rt_mutex waiter enqueued anywhere. */
    public TaskAssert hasNoEnqueuedWaiter() {
        isNotNull();
        List<RtMutexWaiter> queued = enqueued();
        if (!queued.isEmpty()) {
            failWithMessage("Expecting %s to have no enqueued rt_mutex waiter but it has %s", actual, queued);
        }
        return this;
    }

    /**
     * Verifies invariant docs/model.md A.5.1: at most one enqueued waiter, and pi_blocked_on is that waiter (NULL iff
     * none).
     */
    public TaskAssert hasConsistentWaiterState() {
        isNotNull();
        List<RtMutexWaiter> queued = enqueued();
        if (queued.size() > 1) {
            failWithMessage("Expecting %s to have at most one enqueued rt_mutex waiter (A-S1) but it has %s",
                    actual, queued);
        }
        RtMutexWaiter only = queued.isEmpty() ? null : queued.get(0);
        if (actual.piBlockedOn != only) {
            failWithMessage("Expecting pi_blocked_on of %s to be %s (A-S2) but it is %s", actual, only,
                    actual.piBlockedOn);
        }
        return this;
    }

    /** Verifies the effective (possibly boosted) priority, kernel convention: lower is higher. */
    public TaskAssert hasPriority(int prio) {
        isNotNull();
        if (actual.prio() != prio) {
            failWithMessage("Expecting %s to run at priority %d but it runs at %d (normal %d)", actual, prio,
                    actual.prio(), actual.normalPrio());
        }
        return this;
    }

    /** Verifies that the task runs at its own priority: no boost left over. */
    public TaskAssert isNotBoosted() {
        isNotNull();
        if (actual.prio() != actual.normalPrio()) {
            failWithMessage("Expecting %s not to be boosted but it runs at %d instead of %d", actual,
                    actual.prio(), actual.normalPrio());
        }
        return this;
    }

    private List<RtMutexWaiter> enqueued() {
        return new ArrayList<>(actual.rtWaiters); // the DEBUG_RT_MUTEXES list holds enqueued waiters only
    }
}
