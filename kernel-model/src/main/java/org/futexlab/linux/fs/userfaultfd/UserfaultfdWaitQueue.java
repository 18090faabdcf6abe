package org.futexlab.linux.fs.userfaultfd;

import org.futexlab.linux.kernel.sched.Task;

/**
 * struct userfaultfd_wait_queue (on the faulting task's stack): the task, the fault address the monitor reads,
 * and (2017 to 2020) {@code waken}, set by the range wake-up before it wakes the task, so that any other
 * wake-up can be told apart.
 */
final class UserfaultfdWaitQueue {
    final Task task;
    final long address;
    volatile boolean waken;
    /**
     * On fault_pending or fault. Written under faultPendingLock, but handle_userfault() tests it without the lock
     * before it takes the lock to unlink (list_empty_careful(): the wake-up's unlink is the last store the waiter
     * may see), so the lockless read must be ordered: volatile, as READ_ONCE/WRITE_ONCE would make it.
     */
    volatile boolean queued;

    UserfaultfdWaitQueue(Task task, long address) {
        this.task = task;
        this.address = address;
    }
}
