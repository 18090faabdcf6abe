package org.futexlab.linux.kernel;

import org.futexlab.linux.arch.x86.fpu.Fpu;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.uapi.Errno;

/**
 * kernel/fork.c: kernel_clone() and copy_process(), as far as the model needs them: a new task, a thread of the
 * caller's process (CLONE_THREAD, sharing its address space) or a new process, with its thread state copied
 * (copy_thread(), whose x86 part is fpu_clone()). The child does not run in the model.
 */
public final class Fork {
    private Fork() {}

    /** CLONE_VM | CLONE_THREAD | CLONE_SIGHAND, as pthread_create() passes. */
    public static final long CLONE_VM = 0x100L, CLONE_SIGHAND = 0x800L;

    /**
     * @return the child's pid, or -EINVAL (CLONE_THREAD without CLONE_SIGHAND and CLONE_VM)
     */
    public static long kernelClone(long cloneFlags) {
        Task cur = Task.current();
        boolean thread = (cloneFlags & Fpu.CLONE_THREAD) != 0;
        if (thread && (cloneFlags & (CLONE_SIGHAND | CLONE_VM)) != (CLONE_SIGHAND | CLONE_VM)) {
            return -Errno.EINVAL;
        }
        MmStruct mm = thread ? cur.mm() : cur.kernel().createMm(cur.mm() + " (child)");
        Task child = cur.kernel().createTask(cur.comm(), cur.normalPrio(), mm, cur.uid());
        Fpu.fpuClone(child, cloneFlags, false); // copy_thread()
        return child.pid();
    }
}
