package org.futexlab.linux.kernel.sched;

import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.Spinlock;

/**
 * struct sighand_struct: shared by the threads of a process. Its siglock is a spinlock_t (a sleeping rtlock under
 * PREEMPT_RT); besides signal state it protects the group leader's dynamic FPU permissions (x86 xstate).
 */
public final class SighandStruct {
    private final Spinlock siglock;

    SighandStruct(Kernel kernel) {
        this.siglock = new Spinlock(kernel, "&sighand->siglock");
    }

    public Spinlock siglock() {
        return siglock;
    }
}
