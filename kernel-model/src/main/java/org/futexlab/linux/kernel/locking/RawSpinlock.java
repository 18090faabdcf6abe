package org.futexlab.linux.kernel.locking;

import java.util.concurrent.atomic.AtomicReference;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Task;

/**
 * raw_spinlock_t: spins with preemption disabled, on PREEMPT_RT too. Built like the kernel builds it, on an
 * atomic owner word; the spin calls Thread.onSpinWait(), so the controlled scheduler lets the spinner go on
 * only after another thread has written.
 */
public final class RawSpinlock {
    private final Kernel kernel;
    private final String name;
    private final AtomicReference<Task> owner = new AtomicReference<>();
    /**
     * Debug (as DEBUG_SPINLOCK records an owner): the task that holds the lock, for {@link #heldByCurrent}. A plain
     * field, written only by the holder while it holds the lock, so reading it adds no scheduling point to an
     * assertion: a task always reads its own latest write, and never finds itself in a hold of another task.
     */
    private Task holder;

    public RawSpinlock(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** @return whether the current task holds this lock (what lockdep_is_held() answers in the kernel) */
    public boolean heldByCurrent() {
        Task cur = Task.currentOrNull();
        return cur != null && holder == cur;
    }

    /** raw_spin_lock(). */
    public void rawSpinLock() {
        Task cur = Task.current();
        Preempt.preemptDisable(name);
        kernel.lockdep().acquire(this, name);
        // One atomic per attempt, and the wait spins on plain reads, as arch spinlocks do: a failed atomic
        // counts as a write for the controlled scheduler, so spinning on it would wake every other spinner.
        for (Task prev = owner.compareAndExchange(null, cur); prev != null;
                prev = owner.compareAndExchange(null, cur)) {
            if (prev == cur) {
                Splat.report(Symptom.SPINLOCK_MISUSE, "BUG: spinlock recursion on CPU#0, " + cur.comm() + "/"
                        + cur.pid() + "\n lock: " + name, true);
            }
            do {
                Thread.onSpinWait();
            } while (owner.get() != null);
        }
        holder = cur;
    }

    /**
     * raw_spin_trylock().
     *
     * @return whether it was taken
     */
    public boolean rawSpinTrylock() {
        Task cur = Task.current();
        Preempt.preemptDisable(name);
        if (owner.compareAndSet(null, cur)) {
            holder = cur;
            kernel.lockdep().acquireTrylock(this, name);
            return true;
        }
        Preempt.preemptEnable();
        return false;
    }

    /** raw_spin_unlock(). */
    public void rawSpinUnlock() {
        Task cur = Task.current();
        if (holder == cur) {
            holder = null;
        }
        Task prev = owner.getAndSet(null);
        if (prev != cur) {
            owner.compareAndSet(null, prev);
            Splat.report(Symptom.SPINLOCK_MISUSE, "BUG: spinlock wrong owner on CPU#0, " + cur.comm() + "/" + cur.pid()
                    + "\n lock: " + name + ", owner: " + prev, true);
        }
        kernel.lockdep().release(this);
        Preempt.preemptEnable();
    }

    /** raw_spin_lock_irq() / raw_spin_lock_irqsave(). */
    public void rawSpinLockIrqsave() {
        Preempt.localIrqDisable();
        rawSpinLock();
    }

    /** raw_spin_unlock_irq() / raw_spin_unlock_irqrestore(). */
    public void rawSpinUnlockIrqrestore() {
        rawSpinUnlock();
        Preempt.localIrqEnable();
    }

    @Override
    public String toString() {
        return name;
    }
}
