package org.futexlab.linux.arch.x86.fpu;

import org.futexlab.linux.kernel.locking.Spinlock;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.uapi.Errno;

/** arch/x86/kernel/fpu/xstate.c: permission requests for dynamically enabled features, and arch_prctl(). */
public final class Xstate {
    private Xstate() {}

    public static final int ARCH_GET_XCOMP_SUPP = 0x1021, ARCH_GET_XCOMP_PERM = 0x1022,
            ARCH_REQ_XCOMP_PERM = 0x1023, ARCH_GET_XCOMP_GUEST_PERM = 0x1024, ARCH_REQ_XCOMP_GUEST_PERM = 0x1025;

    /**
     * xstate_request_perm(): add features to the process's permissions, under siglock. The three fields are
     * written one after the other; only siglock makes them one update for a reader.
     *
     * @return 0, or -EINVAL (the feature is not supported or not dynamic)
     */
    static int xstateRequestPerm(long requested, boolean guest) {
        Task cur = Task.current();
        if (!cur.kernel().config().dynamicXfeatures() || (requested & ~Fpu.XFEATURE_MASK_XTILE) != 0) {
            return -Errno.EINVAL;
        }
        Fpu leader = cur.groupLeader().fpu();
        Fpu.FpuStatePerm perm = guest ? leader.guestPerm : leader.perm;
        long permitted = perm.statePerm;
        if ((permitted & requested) == requested) { // Q1
            return 0;
        }
        Spinlock siglock = cur.sighand().siglock();
        siglock.spinLockIrq(); // Q2
        try {
            long mask = perm.statePerm | requested; // Q3
            int size = Fpu.sizeOf(mask);
            perm.statePerm = mask;
            perm.stateSize = size;
            perm.userStateSize = size;
        } finally {
            siglock.spinUnlockIrq(); // Q4
        }
        return 0;
    }

    /**
     * arch_prctl(code, arg) for the xstate permission codes.
     *
     * @param arg the feature number to request (ARCH_REQ_*), unused otherwise
     * @return 0 or a value (the permission mask for ARCH_GET_*), or a negated errno
     */
    public static long sysArchPrctl(int code, long arg) {
        Task cur = Task.current();
        switch (code) {
            case ARCH_REQ_XCOMP_PERM:
            case ARCH_REQ_XCOMP_GUEST_PERM:
                if (arg != Fpu.XFEATURE_XTILEDATA) {
                    return -Errno.EINVAL;
                }
                return xstateRequestPerm(Fpu.XFEATURE_MASK_XTILE, code == ARCH_REQ_XCOMP_GUEST_PERM);
            case ARCH_GET_XCOMP_PERM:
                return cur.groupLeader().fpu().perm.statePerm;
            case ARCH_GET_XCOMP_GUEST_PERM:
                return cur.groupLeader().fpu().guestPerm.statePerm;
            case ARCH_GET_XCOMP_SUPP:
                return Fpu.XFEATURE_MASK_DEFAULT | (cur.kernel().config().dynamicXfeatures() ? Fpu.XFEATURE_MASK_XTILE : 0);
            default:
                return -Errno.EINVAL;
        }
    }
}
