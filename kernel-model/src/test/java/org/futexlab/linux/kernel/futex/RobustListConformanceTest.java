package org.futexlab.linux.kernel.futex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.futexlab.linux.kernel.futex.FutexSyscallConformanceTest.everySchedule;
import static org.futexlab.linux.testing.KernelAssertions.assertThatFutexWord;

import java.util.Set;
import java.util.TreeSet;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.Patches;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.testing.UserMemory;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.userspace.Libc;
import org.futexlab.linux.userspace.PthreadRobustMutex;
import org.futexlab.linux.userspace.PthreadRobustMutex.Protocol;
import org.futexlab.linux.userspace.RobustListHead;
import org.junit.jupiter.api.Test;

/**
 * set_robust_list, get_robust_list, the proposed set_robust_list2 / get_robust_list2, and the robust unlock
 * (FUTEX_ROBUST_UNLOCK): their ABI and errno (docs/model.md G.2 and E.2), and the exit walk's basic contract
 * (docs/model.md E.5).
 */
class RobustListConformanceTest {
    private final Kernel k = Kernel.boot(KernelConfig.defaults(), Patches.upstream());
    private final MmStruct mm = k.createMm("app");
    private final long page = UserMemory.page(mm);
    private final Task t = k.createTask("T", 120, mm);

    private static long as(Task who, java.util.function.LongSupplier call) {
        long[] r = {Long.MIN_VALUE};
        try {
            who.run(() -> r[0] = call.getAsLong());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return r[0];
    }

    private long peek64(long addr) {
        return (Memory.accessProcessVm(mm, addr + 4, 0, false) << 32) | Memory.accessProcessVm(mm, addr, 0, false);
    }

    @Test
    void setRobustListChecksOnlyTheLength() {
        assertThat(as(t, () -> Libc.setRobustList(page, 12, false))).isEqualTo(-Errno.EINVAL);
        assertThat(as(t, () -> Libc.setRobustList(page, 25, false))).isEqualTo(-Errno.EINVAL);
        assertThat(as(t, () -> Libc.setRobustList(0xdead_0000L, 24, false))).as("never validates head").isZero();
        assertThat(t.robustList).isEqualTo(0xdead_0000L);
        assertThat(as(t, () -> Libc.setRobustList(page, 12, true))).as("compat entry, 12 bytes").isZero();
        assertThat(as(t, () -> Libc.setRobustList(page, 24, true))).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void anArm64HostHasNoCompatEntry() {
        Kernel arm = Kernel.boot(KernelConfig.defaults().arch(KernelConfig.Arch.ARM64),
                Patches.upstream());
        MmStruct m = arm.createMm("app");
        long p = UserMemory.page(m);
        Task u = arm.createTask("U", 120, m);
        assertThat(as(u, () -> Libc.setRobustList(p, 12, true))).isEqualTo(-Errno.ENOSYS);
        assertThat(as(u, () -> Libc.setRobustList(p, 12, false))).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void getRobustListNeedsALiveTaskAndPermission() {
        assertThat(as(t, () -> Libc.setRobustList(page + 512, 24, false))).isZero();
        assertThat(as(t, () -> Libc.getRobustList(0, page, page + 8))).isZero();
        assertThat(peek64(page)).isEqualTo(page + 512);
        assertThat(peek64(page + 8)).as("len").isEqualTo(24);
        assertThat(as(t, () -> Libc.getRobustList(4242, page, page + 8))).isEqualTo(-Errno.ESRCH);
        Task sameUser = k.createTask("S", 120, k.createMm("other"));
        assertThat(as(t, () -> Libc.getRobustList(sameUser.pid(), page, page + 8))).isZero();
        Task otherUser = k.createTask("R", 120, k.createMm("root-owned"), 0);
        assertThat(as(t, () -> Libc.getRobustList(otherUser.pid(), page, page + 8))).isEqualTo(-Errno.EPERM);
        assertThat(as(otherUser, () -> Libc.getRobustList(t.pid(), 0x10, 0x18))).as("root may look, but "
                + "cannot write to an unmapped result").isEqualTo(-Errno.EFAULT);
    }

    @Test
    void setRobustList2AppendsUpToTenListsAndRejectsBadArguments() {
        for (int i = 0; i < FutexAbi.ROBUST_LISTS_PER_TASK; i++) {
            long head = page + 32L * i;
            assertThat(as(t, () -> Libc.setRobustList2(head, -1, FutexAbi.ROBUST_LIST_64BIT))).isEqualTo(i);
        }
        assertThat(as(t, () -> Libc.setRobustList2(page, -1, FutexAbi.ROBUST_LIST_64BIT)))
                .as("full: documented as ESRCH, returned as EINVAL").isEqualTo(-Errno.EINVAL);
        assertThat(as(t, () -> Libc.setRobustList2(page + 1024, 3, FutexAbi.ROBUST_LIST_32BIT))).as("re-set").isZero();
        assertThat(as(t, () -> Libc.getRobustList2(0, 3, page + 2048))).isZero();
        assertThat(peek64(page + 2048)).isEqualTo(page + 1024);
        assertThat(as(t, () -> Libc.setRobustList2(page, -2, 0))).isEqualTo(-Errno.EINVAL);
        assertThat(as(t, () -> Libc.setRobustList2(page, 10, 0))).isEqualTo(-Errno.EINVAL);
        assertThat(as(t, () -> Libc.setRobustList2(page, -1, 2))).as("unknown flag").isEqualTo(-Errno.EINVAL);
        assertThat(as(t, () -> Libc.setRobustList2(page + 4, -1, FutexAbi.ROBUST_LIST_64BIT)))
                .as("unaligned 64-bit head").isEqualTo(-Errno.EINVAL);
        Task u = k.createTask("U", 120, mm);
        assertThat(as(u, () -> Libc.setRobustList2(page, 0, 0))).as("no list 0 yet").isEqualTo(-Errno.ENOENT);
        assertThat(as(u, () -> Libc.getRobustList2(0, 0, page + 2048))).isEqualTo(-Errno.ENOENT);
    }

    @Test
    void robustUnlockIsAcceptedOnlyWithWakeWakeBitsetAndUnlockPi() {
        assertThat(as(t, () -> Libc.futex(page, FutexAbi.FUTEX_WAIT | FutexAbi.FUTEX_ROBUST_UNLOCK, 0, 0, 0, 0)))
                .isEqualTo(-Errno.ENOSYS);
        assertThat(as(t, () -> Libc.futex(page, FutexAbi.FUTEX_WAKE | FutexAbi.FUTEX_ROBUST_LIST32, 1, 0, 0, 0)))
                .as("LIST32 alone").isEqualTo(-Errno.ENOSYS);
        Memory.accessProcessVm(mm, page, t.pid(), true);
        Memory.accessProcessVm(mm, page + 16, 0x1234, true); // a pending-op slot
        assertThat(as(t, () -> Libc.futex(page, FutexAbi.FUTEX_UNLOCK_WAKE_LIST64, 1, 0, page + 16, 0))).isZero();
        assertThatFutexWord(mm, page).hasValue(0);
        assertThat(peek64(page + 16)).as("*pop cleared").isZero();
        Memory.accessProcessVm(mm, page, t.pid(), true);
        Memory.accessProcessVm(mm, page + 16, 0x1234, true);
        assertThat(as(t, () -> Libc.futex(page, FutexAbi.FUTEX_UNLOCK_PI_LIST32, 0, 0, page + 16, 0))).isZero();
        assertThatFutexWord(mm, page).hasValue(0);
        assertThat(Memory.accessProcessVm(mm, page + 16, 0, false)).as("32-bit *pop cleared").isZero();
    }

    @Test
    void withoutTheRobustUnlockTheKernelSaysENOSYSAndTheVdsoHasNoTryUnlock() {
        Kernel old = Kernel.boot(KernelConfig.defaults(), Patches.reverting(org.futexlab.linux.Fix.FUTEX_ROBUST_UNLOCK));
        MmStruct m = old.createMm("app");
        long p = UserMemory.page(m);
        Task u = old.createTask("U", 120, m);
        assertThat(as(u, () -> Libc.futex(p, FutexAbi.FUTEX_UNLOCK_WAKE_LIST64, 1, 0, p + 16, 0)))
                .isEqualTo(-Errno.ENOSYS);
        assertThat(as(u, () -> Libc.vdsoHasRobustTryUnlock() ? 1 : 0)).isZero();
    }

    /**
     * docs/model.md E.5.1: an owner's death marks its mutexes OWNER_DIED (TID cleared, WAITERS kept) and wakes a
     * waiter.
     */
    @Test
    void anOwnersDeathHandsItsMutexesToTheirWaitersWithEOWNERDEAD() {
        for (Protocol protocol : Protocol.values()) {
            everySchedule("owner death " + protocol, s -> {
                FutexSyscallConformanceTest.Fixture f = new FutexSyscallConformanceTest.Fixture(s,
                        KernelConfig.defaults());
                PthreadRobustMutex m = new PthreadRobustMutex(f.word + 256, false, protocol);
                Task d = f.k.createTask("D", 120, f.mm);
                try {
                    d.run(() -> {
                        RobustListHead h = RobustListHead.init(f.word, false, PthreadRobustMutex.FUTEX_OFFSET_64);
                        assertThat(h.register()).isZero();
                        assertThat(m.lock(h)).isZero();
                    });
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                int[] got = {-1};
                s.thread("D", () -> d.run(Libc::exit));
                f.task("W", 120, () -> {
                    RobustListHead h = RobustListHead.init(f.word + 64, false, PthreadRobustMutex.FUTEX_OFFSET_64);
                    assertThat(h.register()).isZero();
                    got[0] = m.lock(h);
                    m.unlock(h);
                });
                s.check("W took it over", () -> assertThat(got[0]).isEqualTo(Errno.EOWNERDEAD));
                s.check("free again", () -> assertThatFutexWord(f.mm, f.word + 256).isFree());
            });
        }
    }

    /**
     * docs/model.md E.5.5: with the robust unlock, wherever a kill lands in the unlock (the engine tries every step,
     * the vDSO's critical section included, where the kernel clears the slot itself), the dead owner never leaves
     * list_op_pending naming a mutex it released.
     */
    @Test
    void aKillAnywhereInTheRobustUnlockLeavesNoStalePendingOp() {
        Set<String> outcomes = new TreeSet<>();
        everySchedule("kill during robust unlock", s -> {
            FutexSyscallConformanceTest.Fixture f = new FutexSyscallConformanceTest.Fixture(s, KernelConfig.defaults());
            long lock = f.word + 256;
            PthreadRobustMutex m = new PthreadRobustMutex(lock, false, Protocol.ROBUST_UNLOCK);
            Task d = f.k.createTask("D", 120, f.mm);
            Task killer = f.k.createTask("K", 120, f.k.createMm("killer"));
            RobustListHead[] h = new RobustListHead[1];
            try {
                d.run(() -> {
                    h[0] = RobustListHead.init(f.word, false, PthreadRobustMutex.FUTEX_OFFSET_64);
                    assertThat(h[0].register()).isZero();
                    assertThat(m.lock(h[0])).isZero();
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            s.thread("D", () -> d.run(() -> m.unlock(h[0])));
            s.thread("K", () -> killer.run(() -> Libc.tgkill(d.pid(), d.pid(), org.futexlab.linux.kernel.sched.Signal.SIGKILL)));
            s.check("a mutex the unlock released is not pending", () -> {
                long word = Memory.accessProcessVm(f.mm, lock, 0, false);
                long pending = (Memory.accessProcessVm(f.mm, f.word + 20, 0, false) << 32)
                        | Memory.accessProcessVm(f.mm, f.word + 16, 0, false);
                if (word == 0) {
                    outcomes.add("released by the unlock");
                    assertThat(pending).as("list_op_pending").isZero();
                } else {
                    outcomes.add("killed before the release, taken over by the exit walk");
                    assertThat(word).as("the mutex word").isEqualTo(FutexAbi.FUTEX_OWNER_DIED);
                }
            });
        });
        // Both sides of the race were explored, so each assertion above has met a schedule it could fail in.
        assertThat(outcomes).containsExactlyInAnyOrder("killed before the release, taken over by the exit walk",
                "released by the unlock");
    }
}
