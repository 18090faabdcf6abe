package org.futexlab.linux.scenarios;

import org.futexlab.linux.testing.UserMemory;
import static org.assertj.core.api.Assertions.assertThat;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.KernelConfig.DirtyTracking;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Mmap;
import org.futexlab.linux.mm.Vmscan;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.uapi.Mman;
import org.futexlab.linux.userspace.Libc;

/** docs/model.md D: the fault fix-up of in-atomic futex accesses, fault_in_user_writeable(). */
class FaultScenarios {
    /** FUTEX_WAKE_OP's operation in these scenarios: set the word at uaddr2 to 1, wake its waiters if it was 0. */
    private static final int SET_1_IF_0 = FutexAbi.futexOp(FutexAbi.FUTEX_OP_SET, 1, FutexAbi.FUTEX_OP_CMP_EQ, 0);

    /**
     * docs/model.md D.3 on an architecture with software dirty tracking: the word's page is shared and writable but was
     * only read, so its PTE is clean and the hardware refuses the in-atomic store of FUTEX_WAKE_OP. With
     * get_user_pages() as the fault-in (before 2efaca927f5c), the PTE stays clean and the syscall loops forever (D-S1);
     * fixup_user_fault() makes it dirty and the retry succeeds. One task is enough; W only shows the wake-up arrives.
     */
    @KernelScenario(detects = "futex-fault-in-gup")
    void wakeOpOnACleanPteWithSoftwareDirtyTracking(Scenario s) {
        wakeOpOnACleanPte(s, DirtyTracking.SW);
    }

    /** The twin of the above on x86: hardware sets the dirty bit itself, so get_user_pages() was enough there. */
    @KernelScenario
    void wakeOpOnACleanPteWithHardwareDirtyTracking(Scenario s) {
        wakeOpOnACleanPte(s, DirtyTracking.HW);
    }

    private static void wakeOpOnACleanPte(Scenario s, DirtyTracking tracking) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults().dirtyTracking(tracking));
        MmStruct mm = k.createMm("app");
        long page = Mmap.mmap(mm, 0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_SHARED | Mman.MAP_ANONYMOUS, null);
        long f1 = page;
        long f2 = page + 4;
        assertThat(UserMemory.peek(mm, f2)).as("a read fault maps the shared page clean").isZero();
        wakeOpAgainst(s, k, mm, f1, f2);
    }

    /**
     * docs/model.md D.3 with the aging actor: the page is dirty, and writeback cleans it while K is in FUTEX_WAKE_OP.
     * Whether the store traps depends on the interleaving; once it does, only a fault-in that fixes the PTE lets K
     * finish.
     */
    @KernelScenario(detects = "futex-fault-in-gup")
    void wakeOpWhileWritebackCleansThePage(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults().dirtyTracking(DirtyTracking.SW));
        MmStruct mm = k.createMm("app");
        long page = Mmap.mmap(mm, 0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_SHARED | Mman.MAP_ANONYMOUS, null);
        long f1 = page;
        long f2 = page + 4;
        UserMemory.poke(mm, f2, 0); // a write fault: the PTE is dirty
        Task flusher = k.createTask("kworker/u8:1", 120, null);
        Boot.run(s, flusher, () -> Vmscan.pageMkclean(mm, f2));
        wakeOpAgainst(s, k, mm, f1, f2);
    }

    /** K sets f2 to 1 with FUTEX_WAKE_OP, which must wake W waiting for f2 to leave 0. */
    private static void wakeOpAgainst(Scenario s, Kernel k, MmStruct mm, long f1, long f2) {
        Task w = k.createTask("W", 120, mm);
        Task kt = k.createTask("K", 120, mm);
        long[] waited = {Long.MIN_VALUE};
        long[] woke = {Long.MIN_VALUE};
        Boot.run(s, w, () -> waited[0] = Libc.futex(f2, FutexAbi.FUTEX_WAIT, 0, 0, 0, 0));
        Boot.run(s, kt, () -> woke[0] = Libc.futex(f1, FutexAbi.FUTEX_WAKE_OP, 1, 1, f2, SET_1_IF_0));
        s.check("FUTEX_WAKE_OP returns the number woken", () -> assertThat(woke[0]).isIn(0L, 1L));
        s.check("W was woken, or saw the new value", () -> assertThat(waited[0])
                .isEqualTo(woke[0] == 1 ? 0L : -Errno.EAGAIN));
        s.check("the operation was applied once", () -> assertThat(UserMemory.peek(mm, f2)).isEqualTo(1));
    }

    /**
     * docs/model.md D.5.2 (what the semantics reference calls D-S2; a check here, not a splat): a real error ends the
     * retry loop. The word's page is unmapped while K is in FUTEX_WAKE_OP: K either applies the operation before or
     * gets -EFAULT, never loops.
     */
    @KernelScenario
    void wakeOpWhileTheWordIsUnmapped(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults().dirtyTracking(DirtyTracking.SW));
        MmStruct mm = k.createMm("app");
        long page = UserMemory.page(mm);
        long other = UserMemory.page(mm);
        UserMemory.poke(mm, page, 0);
        Task kt = k.createTask("K", 120, mm);
        Task v = k.createTask("V", 120, mm);
        long[] ret = {Long.MIN_VALUE};
        Boot.run(s, kt, () -> ret[0] = Libc.futex(other, FutexAbi.FUTEX_WAKE_OP, 1, 1, page, SET_1_IF_0));
        Boot.run(s, v, () -> assertThat(Mmap.munmap(mm, page, Mman.PAGE_SIZE)).isZero());
        s.check("FUTEX_WAKE_OP succeeded or faulted", () -> assertThat(ret[0]).isIn(0L, (long) -Errno.EFAULT));
    }

    /**
     * The write-only relative of docs/model.md D.3 (MIPS RIXI, 2020): on a CPU that can map a page write-only,
     * FUTEX_LOCK_PI's in-atomic read of the word traps, and fault_in_user_writeable() faults in for write only, which
     * already succeeded: the read traps again, forever (D-S1). Faulting in for read as well fails on such a mapping, so
     * the syscall ends with -EFAULT.
     */
    @KernelScenario(detects = "futex-fault-in-write-only")
    void lockPiOnAWriteOnlyMapping(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults().writeOnlyMappings(true));
        MmStruct mm = k.createMm("app");
        long f = Mmap.mmap(mm, 0, Mman.PAGE_SIZE, Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, null);
        UserMemory.poke(mm, f, 0);
        Task t = k.createTask("T", 120, mm);
        long[] ret = {Long.MIN_VALUE};
        Boot.run(s, t, () -> ret[0] = Libc.futex(f, FutexAbi.FUTEX_LOCK_PI, 0, 0, 0, 0));
        s.check("FUTEX_LOCK_PI on a word it cannot read fails with EFAULT",
                () -> assertThat(ret[0]).isEqualTo(-Errno.EFAULT));
    }
}
