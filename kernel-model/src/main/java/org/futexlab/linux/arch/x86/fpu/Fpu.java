package org.futexlab.linux.arch.x86.fpu;

import org.futexlab.linux.Fix;
import org.futexlab.linux.kernel.locking.Spinlock;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Task;

/**
 * struct fpu (arch/x86/kernel/fpu/core.c): a thread's FPU state, and, in the group leader's, the process's
 * permissions for dynamically enabled xstate features (AMX), which siglock protects.
 */
public final class Fpu {
    /** struct fpu_state_perm: the permitted features, and the buffer sizes they imply. Under siglock. */
    public static final class FpuStatePerm {
        volatile long statePerm;
        volatile int stateSize;
        volatile int userStateSize;

        public long statePerm() {
            return statePerm;
        }

        public int stateSize() {
            return stateSize;
        }

        public int userStateSize() {
            return userStateSize;
        }

        @Override
        public String toString() {
            return String.format("perm 0x%x size %d user size %d", statePerm, stateSize, userStateSize);
        }
    }

    /** The features every process has, and the sizes of their state. */
    static final long XFEATURE_MASK_DEFAULT = 0x2e7; // x87, SSE, AVX, the AVX-512 parts, PKRU
    static final int DEFAULT_SIZE = 2696;
    public static final int XFEATURE_XTILECFG = 17, XFEATURE_XTILEDATA = 18;
    static final long XFEATURE_MASK_XTILE = (1L << XFEATURE_XTILECFG) | (1L << XFEATURE_XTILEDATA);
    static final int XTILE_SIZE = 8192 + 64;

    final FpuStatePerm perm = new FpuStatePerm();
    final FpuStatePerm guestPerm = new FpuStatePerm();
    volatile int lastCpu = -1;
    /** The saved register state (a token standing for the fpstate buffer). */
    volatile long fpstate;

    public Fpu() {
        fpstateReset(this);
    }

    public FpuStatePerm perm() {
        return perm;
    }

    /** @return the size the permitted features need: the consistency a snapshot must keep (docs/model.md B.5.3) */
    public static int sizeOf(long features) {
        return (features & XFEATURE_MASK_XTILE) != 0 ? DEFAULT_SIZE + XTILE_SIZE : DEFAULT_SIZE;
    }

    /** fpstate_reset(): the default permissions. */
    static void fpstateReset(Fpu fpu) {
        for (FpuStatePerm p : new FpuStatePerm[] {fpu.perm, fpu.guestPerm}) {
            p.statePerm = XFEATURE_MASK_DEFAULT;
            p.stateSize = DEFAULT_SIZE;
            p.userStateSize = DEFAULT_SIZE;
        }
    }

    /**
     * fpregs_lock(): keep the CPU's FPU registers and current's fpstate from being saved or restored under us.
     * Without PREEMPT_RT it disables softirqs; with PREEMPT_RT it disables preemption.
     */
    public static void fpregsLock() {
        if (Task.current().kernel().config().preemptRt()) {
            Preempt.preemptDisable("fpu_clone+0xfa/0x480 (fpregs_lock)");
        } else {
            Preempt.localBhDisable();
        }
    }

    public static void fpregsUnlock() {
        if (Task.current().kernel().config().preemptRt()) {
            Preempt.preemptEnable();
        } else {
            Preempt.localBhEnable();
        }
    }

    /** CLONE_THREAD: the new task is a thread of the same process (pthread_create), not a fork. */
    public static final long CLONE_THREAD = 0x00010000L;

    /**
     * fpu_clone() (from copy_thread()): the child gets the default permissions, a copy of the parent's registers,
     * and, for a new process, the parent's permissions. Since 36b038791e1e fpregs are unlocked before the
     * permissions are copied under siglock, a sleeping lock on PREEMPT_RT.
     */
    public static int fpuClone(Task dst, long cloneFlags, boolean minimal) {
        Task cur = Task.current();
        Fpu dstFpu = dst.fpu();
        dstFpu.lastCpu = -1; // F1
        fpstateReset(dstFpu);
        if (minimal) { // F4: kernel threads and io workers start from the init state
            return 0;
        }
        boolean fixed = !cur.kernel().reverted(Fix.X86_FPU_CLONE_INHERIT_PERMS);
        fpregsLock(); // F5
        dstFpu.fpstate = cur.fpu().fpstate; // F6, F7: save the registers into the child's buffer
        if (fixed) {
            fpregsUnlock();
        }
        if ((cloneFlags & CLONE_THREAD) == 0) { // F8: a fork, not a thread
            fpuInheritPerms(dstFpu);
        }
        if (!fixed) {
            fpregsUnlock(); // F13, where it was before 36b038791e1e
        }
        return 0;
    }

    /**
     * fpu_inherit_perms(): with dynamic features the child inherits the group leader's permissions, read under
     * siglock so that they are one consistent snapshot of a concurrent xstate_request_perm().
     */
    static void fpuInheritPerms(Fpu dst) {
        Task cur = Task.current();
        if (!cur.kernel().config().dynamicXfeatures()) {
            return;
        }
        Fpu src = cur.groupLeader().fpu();
        Spinlock siglock = cur.sighand().siglock();
        siglock.spinLockIrq(); // F10
        copy(src.perm, dst.perm); // F11
        copy(src.guestPerm, dst.guestPerm);
        siglock.spinUnlockIrq(); // F12
    }

    private static void copy(FpuStatePerm from, FpuStatePerm to) {
        to.statePerm = from.statePerm;
        to.stateSize = from.stateSize;
        to.userStateSize = from.userStateSize;
    }
}
