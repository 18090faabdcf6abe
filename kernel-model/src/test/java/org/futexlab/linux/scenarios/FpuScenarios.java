package org.futexlab.linux.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.arch.x86.fpu.Fpu;
import org.futexlab.linux.arch.x86.fpu.Xstate;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.userspace.Libc;

/** docs/model.md B: the x86 FPU permission copy at clone, under PREEMPT_RT. */
class FpuScenarios {

    /**
     * docs/model.md B.3 (seed 001): on a CPU with dynamic xstate features (AMX), P forks while its sibling Q asks for
     * AMX permission with arch_prctl(ARCH_REQ_XCOMP_PERM), both taking siglock. Before 36b038791e1e, fpu_clone() copies
     * the permissions still inside fpregs_lock(), which PREEMPT_RT makes a preempt_disable(): siglock is a sleeping
     * lock there, so every fork splats in might_sleep (B-S1), and a fork that finds siglock held schedules with
     * preemption disabled (B-S2). The child's permissions must be one consistent snapshot.
     */
    @KernelScenario(detects = "x86-fpu-clone-inherit-perms")
    void forkWhileASiblingRequestsAmx(Scenario s) {
        forkAndRequest(s, true);
    }

    /** The twin without PREEMPT_RT: fpregs_lock() disables softirqs and siglock spins, so the old order was legal. */
    @KernelScenario
    void forkWhileASiblingRequestsAmxWithoutPreemptRt(Scenario s) {
        forkAndRequest(s, false);
    }

    private static void forkAndRequest(Scenario s, boolean rt) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults().preemptRt(rt).dynamicXfeatures(true));
        MmStruct mm = k.createMm("app");
        Task p = k.createTask("P", 120, mm);
        Task q = k.createTask("Q", 120, mm);
        long[] child = {-1};
        long[] req = {-1};
        Boot.run(s, p, () -> child[0] = Libc.fork());
        Boot.run(s, q, () -> req[0] = Libc.archPrctl(Xstate.ARCH_REQ_XCOMP_PERM, Fpu.XFEATURE_XTILEDATA));
        s.check("fork and arch_prctl succeed", () -> {
            assertThat(child[0]).isPositive();
            assertThat(req[0]).isZero();
        });
        s.check("the child's permissions are one snapshot of the parent's", () -> {
            Fpu.FpuStatePerm perm = k.findTaskByVpid((int) child[0]).fpu().perm();
            assertThat(perm.stateSize()).as("%s", perm).isEqualTo(Fpu.sizeOf(perm.statePerm()))
                    .isEqualTo(perm.userStateSize());
        });
    }
}
