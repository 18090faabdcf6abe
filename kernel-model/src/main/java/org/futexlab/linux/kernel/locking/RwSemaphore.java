package org.futexlab.linux.kernel.locking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Task;

/**
 * struct rw_semaphore (mmap_lock): a sleeping reader-writer lock. On PREEMPT_RT it is rwbase_rt, whose read
 * side carries the same nested-blocking assertion as the rtlock.
 */
public final class RwSemaphore {
    private final Kernel kernel;
    private final String name;
    /** Readers holding it, or -1 while a writer holds it. */
    private final AtomicInteger count = new AtomicInteger();
    private final RawSpinlock waitLock;
    private final List<Task> waiters = new ArrayList<>();

    public RwSemaphore(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
        this.waitLock = new RawSpinlock(kernel, name + ".wait_lock");
    }

    public String name() {
        return name;
    }

    /** down_read(). */
    public void downRead() {
        Preempt.mightSleep("kernel/locking/rwsem.c: down_read");
        if (kernel.config().preemptRt()) {
            kernel.lockdep().assertNotPiBlocked("rwbase_rt.c: rwbase_read_lock");
        }
        kernel.lockdep().acquireRead(this, name);
        acquire(true);
    }

    /** up_read(). */
    public void upRead() {
        kernel.lockdep().release(this);
        if (count.decrementAndGet() == 0) {
            wakeAll();
        }
    }

    /** down_write(). */
    public void downWrite() {
        Preempt.mightSleep("kernel/locking/rwsem.c: down_write");
        kernel.lockdep().acquire(this, name);
        acquire(false);
    }

    /** up_write(). */
    public void upWrite() {
        kernel.lockdep().release(this);
        count.set(0);
        wakeAll();
    }

    private boolean tryAcquire(boolean read) {
        int c = count.get();
        return read ? c >= 0 && count.compareAndSet(c, c + 1) : c == 0 && count.compareAndSet(0, -1);
    }

    private void acquire(boolean read) {
        Task cur = Task.current();
        while (!tryAcquire(read)) {
            waitLock.rawSpinLock();
            waiters.add(cur);
            Sched.setCurrentState(Task.TASK_UNINTERRUPTIBLE);
            waitLock.rawSpinUnlock();
            if (!tryAcquire(read)) {
                Sched.schedule();
            } else {
                dequeue(cur);
                Sched.setCurrentStateNoBarrier(Task.TASK_RUNNING);
                return;
            }
            dequeue(cur);
            Sched.setCurrentStateNoBarrier(Task.TASK_RUNNING);
        }
    }

    private void dequeue(Task cur) {
        waitLock.rawSpinLock();
        waiters.remove(cur);
        waitLock.rawSpinUnlock();
    }

    private void wakeAll() {
        waitLock.rawSpinLock();
        List<Task> w = new ArrayList<>(waiters);
        waitLock.rawSpinUnlock();
        for (Task t : w) {
            Sched.wakeUpProcess(t);
        }
    }
}
