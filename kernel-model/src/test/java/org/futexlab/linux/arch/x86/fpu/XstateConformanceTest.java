package org.futexlab.linux.arch.x86.fpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongSupplier;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.Patches;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.userspace.Libc;
import org.junit.jupiter.api.Test;

/** arch_prctl() for xstate permissions (docs/model.md B.7), and their inheritance by fork but not by a new thread. */
class XstateConformanceTest {
    private static long call(Task t, LongSupplier c) {
        long[] r = {Long.MIN_VALUE};
        try {
            t.run(() -> r[0] = c.getAsLong());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return r[0];
    }

    @Test
    void amxPermissionIsPerProcessAndInheritedByFork() {
        Kernel k = Kernel.boot(KernelConfig.defaults().dynamicXfeatures(true), Patches.upstream());
        Task p = k.createTask("P", 120, k.createMm("app"));
        long xtile = (1L << Fpu.XFEATURE_XTILECFG) | (1L << Fpu.XFEATURE_XTILEDATA);
        assertThat(call(p, () -> Libc.archPrctl(Xstate.ARCH_GET_XCOMP_SUPP, 0)) & xtile).isEqualTo(xtile);
        assertThat(call(p, () -> Libc.archPrctl(Xstate.ARCH_GET_XCOMP_PERM, 0)) & xtile).isZero();
        assertThat(call(p, () -> Libc.archPrctl(Xstate.ARCH_REQ_XCOMP_PERM, 5))).as("not a dynamic feature")
                .isEqualTo(-Errno.EINVAL);
        assertThat(call(p, () -> Libc.archPrctl(0x1099, 0))).as("unknown code").isEqualTo(-Errno.EINVAL);
        assertThat(call(p, () -> Libc.archPrctl(Xstate.ARCH_REQ_XCOMP_PERM, Fpu.XFEATURE_XTILEDATA))).isZero();
        assertThat(call(p, () -> Libc.archPrctl(Xstate.ARCH_GET_XCOMP_PERM, 0)) & xtile).isEqualTo(xtile);
        long child = call(p, Libc::fork);
        assertThat(k.findTaskByVpid((int) child).fpu().perm().statePerm() & xtile).as("fork inherits").isEqualTo(xtile);
        long thread = call(p, () -> Libc.clone(0x100 | 0x800 | Fpu.CLONE_THREAD));
        Task t = k.findTaskByVpid((int) thread);
        assertThat(t.groupLeader()).isSameAs(p);
        assertThat(call(t, () -> Libc.archPrctl(Xstate.ARCH_GET_XCOMP_PERM, 0)) & xtile)
                .as("a thread sees its process's permissions").isEqualTo(xtile);
        assertThat(call(p, () -> Libc.clone(Fpu.CLONE_THREAD))).as("CLONE_THREAD without CLONE_VM|CLONE_SIGHAND")
                .isEqualTo(-Errno.EINVAL);
    }

    @Test
    void withoutDynamicFeaturesThereIsNothingToRequest() {
        Kernel k = Kernel.boot(KernelConfig.defaults(), Patches.upstream());
        Task p = k.createTask("P", 120, k.createMm("app"));
        assertThat(call(p, () -> Libc.archPrctl(Xstate.ARCH_REQ_XCOMP_PERM, Fpu.XFEATURE_XTILEDATA)))
                .isEqualTo(-Errno.EINVAL);
    }
}
