package org.futexlab.linux.testing;

import org.futexlab.linux.kernel.printk.Dmesg;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;

/**
 * Entry points of the model's AssertJ assertions, for a static import next to AssertJ's own:
 * <pre>{@code
 * s.check("dmesg is clean", () -> assertThat(kernel.dmesg()).isClean());
 * s.check("F is free", () -> assertThatFutexWord(mm, f).isFree().hasNoWaiters());
 * s.check("W left no waiter", () -> assertThat(w).isNotBlocked().hasNoEnqueuedWaiter());
 * }</pre>
 */
public final class KernelAssertions {
    private KernelAssertions() {}

    /** @return assertions on a kernel log */
    public static DmesgAssert assertThat(Dmesg dmesg) {
        return new DmesgAssert(dmesg);
    }

    /** @return assertions on a task's scheduling and rt_mutex state */
    public static TaskAssert assertThat(Task task) {
        return new TaskAssert(task);
    }

    /**
     * Reads the 32-bit futex word at addr of mm (as a debugger would, without faulting it in for the task).
     *
     * @return assertions on the word's owner TID and its WAITERS and OWNER_DIED bits
     */
    public static FutexWordAssert assertThatFutexWord(MmStruct mm, long addr) {
        return new FutexWordAssert(mm, addr);
    }
}
