package org.futexlab.linux.linearizability;

import org.futexlab.linux.testing.UserMemory;
import java.util.concurrent.Callable;
import org.futexlab.junit.Variants;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.Patches;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;

/**
 * What the operations classes of the linearizability checks share: a model kernel booted with the run's
 * variants, one process, and one task per Lincheck thread (the operations get the thread's index from Lincheck's
 * ThreadIdGen), each running its operations as that task.
 */
public abstract class ModelObject {
    /** More than Lincheck's threads plus its sequential prefix and suffix ever use. */
    public static final int TASKS = 6;

    protected final Kernel kernel;
    protected final MmStruct mm;
    protected final long page;
    private final Task[] tasks = new Task[TASKS];

    protected ModelObject(KernelConfig config) {
        // Lincheck returns from park at will; the model's sleepers must not take each return for a wake-up.
        Task.dropStaleCurrent(null); // this thread may still run as a task of an invocation Lincheck gave up
        kernel = Kernel.boot(config.parkReturnWakes(false), Patches.of(Variants.current().ids()));
        mm = kernel.createMm("app");
        page = UserMemory.pages(mm, 4);
    }

    /** @return thread tid's task, created on its first operation (most invocations use few of them) */
    protected Task task(int tid) {
        if (tasks[tid] == null) {
            tasks[tid] = kernel.createTask("T" + tid, 120, mm);
        }
        return tasks[tid];
    }

    /**
     * Runs an operation as thread tid's task. A splat in the model's log fails the operation: Lincheck reports
     * the exception as the operation's result, which no sequential specification produces.
     */
    protected <T> T as(int tid, Callable<T> op) {
        Object[] r = new Object[1];
        try {
            task(tid).run(() -> r[0] = op.call());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (!kernel.dmesg().isClean()) {
            throw new AssertionError(kernel.dmesg().annotate("the model's kernel log is not clean"));
        }
        @SuppressWarnings("unchecked")
        T t = (T) r[0];
        return t;
    }
}
