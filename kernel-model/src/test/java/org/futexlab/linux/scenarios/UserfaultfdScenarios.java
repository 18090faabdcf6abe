package org.futexlab.linux.scenarios;

import org.futexlab.linux.testing.UserMemory;
import static org.assertj.core.api.Assertions.assertThat;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.KernelConfig.FaultRetryPolicy;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.uapi.Mman;
import org.futexlab.linux.uapi.UserfaultfdAbi;
import org.futexlab.linux.userspace.Libc;

/** docs/model.md C: userfaultfd, spurious wake-ups, and the page-fault retry budget. */
class UserfaultfdScenarios {

    /**
     * docs/model.md C.3: F touches a page of a range registered with userfaultfd; the monitor M reads the fault and
     * installs the page with UFFDIO_COPY. No thread wakes F early: the wake-up that may come too soon is the engine's
     * spurious one (spuriousWakeups = 1), as a stale wake_q entry delivers it in the kernel. On a kernel that allows
     * one retry (FaultRetryPolicy.ONCE, before v5.7), the 2017 waken loop puts F back to sleep; without it (v4.3 to
     * v4.9) F returns VM_FAULT_RETRY, the retry is its last, and F gets SIGBUS for a fault the monitor was about to
     * resolve (C-S1).
     */
    @KernelScenario(detects = "userfaultfd-waken-loop")
    void spuriousWakeUpOfAUserfault(Scenario s) {
        faultResolvedByTheMonitor(s, FaultRetryPolicy.ONCE);
    }

    /**
     * The same with unbounded retries (v5.7 and later): a spurious wake-up costs one more attempt, which sleeps
     * again; the retry loop never spins (C-S3), with or without the waken loop.
     */
    @KernelScenario
    void spuriousWakeUpOfAUserfaultWithUnboundedRetries(Scenario s) {
        faultResolvedByTheMonitor(s, FaultRetryPolicy.UNBOUNDED);
    }

    private static void faultResolvedByTheMonitor(Scenario s, FaultRetryPolicy policy) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults().faultRetryPolicy(policy));
        MmStruct mm = k.createMm("app");
        long area = UserMemory.page(mm);
        long src = UserMemory.page(mm);
        UserMemory.poke(mm, src, 42);
        Task f = k.createTask("F", 120, mm);
        Task m = k.createTask("M", 120, mm);
        int[] fd = {-1};
        Boot.setUp(m, () -> {
            fd[0] = Libc.userfaultfd(0);
            assertThat(Libc.uffdioApi(fd[0], UserfaultfdAbi.UFFD_API, 0)).isZero();
            assertThat(Libc.uffdioRegister(fd[0], area, Mman.PAGE_SIZE, UserfaultfdAbi.UFFDIO_REGISTER_MODE_MISSING))
                    .isZero();
        });
        int[] seen = {-1};
        Boot.run(s, f, () -> seen[0] = Libc.load(area));
        Boot.run(s, m, () -> {
            assertThat(Libc.readUffd(fd[0])).as("the fault M reads").isEqualTo(area);
            assertThat(Libc.uffdioCopy(fd[0], area, src, Mman.PAGE_SIZE, 0)).isEqualTo(Mman.PAGE_SIZE);
        });
        s.check("F read what the monitor installed", () -> assertThat(seen[0]).isEqualTo(42));
    }
}
