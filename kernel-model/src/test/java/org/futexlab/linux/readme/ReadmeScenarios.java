package org.futexlab.linux.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.futexlab.linux.testing.KernelAssertions.assertThat;
import static org.futexlab.linux.uapi.FutexAbi.*;
import static org.futexlab.linux.uapi.Mman.*;

import org.futexlab.junit.*;
import org.futexlab.linux.*;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.*;
import org.futexlab.linux.userspace.Libc;

class ReadmeScenarios {
    @KernelScenario(detects = "futex-fault-in-gup")
    void wakeOpOnACleanPage(Scenario s) {
        Kernel k = Kernel.boot(KernelConfig.defaults().dirtyTracking(KernelConfig.DirtyTracking.SW),
                Patches.of(s.variants().ids()));                   // the variants under test, reverted
        MmStruct mm = k.createMm("app");
        long f = Mmap.mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, null);
        Memory.accessProcessVm(mm, f, 0, false);                   // a read fault: the PTE is clean
        Task t = k.createTask("T", 120, mm);
        long[] ret = {-1};
        s.thread("T", () -> t.run(() -> ret[0] = Libc.futex(f, FUTEX_WAKE_OP, 1, 1, f + 4,
                futexOp(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0))));
        s.check("WAKE_OP returns", () -> assertThat(ret[0]).isZero());
        s.check("dmesg is clean", () -> assertThat(k.dmesg()).isClean());
    }
}
