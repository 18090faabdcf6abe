package org.futexlab.linux.scenarios;

import org.futexlab.linux.testing.UserMemory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.futexlab.linux.testing.KernelAssertions.assertThatFutexWord;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Mmap;
import org.futexlab.linux.mm.SharedMemory;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.uapi.Mman;
import org.futexlab.linux.userspace.Libc;
import org.futexlab.linux.userspace.PthreadRobustMutex;
import org.futexlab.linux.userspace.PthreadRobustMutex.Protocol;
import org.futexlab.linux.userspace.RobustListHead;

/** docs/model.md E: robust futex lists, the robust unlock, and the proposed set_robust_list2. */
class RobustFutexScenarios {

    private static long mapShared(MmStruct mm, long hint, SharedMemory file) {
        return Mmap.mmap(mm, hint, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, file);
    }

    /** A thread's robust list head in its process's private memory, registered with set_robust_list(). */
    private static RobustListHead registeredList(long addr) {
        RobustListHead h = RobustListHead.init(addr, false, PthreadRobustMutex.FUTEX_OFFSET_64);
        assertThat(h.register()).isZero();
        return h;
    }

    /**
     * docs/model.md E.3a, glibc BZ 14485: D and X share a process-shared robust mutex with a reference count; each
     * takes the mutex, drops its reference and releases it, and the last user destroys the mutex, unmaps it, maps a
     * data file at the same address and exits the process. If D is preempted between releasing the lock and clearing
     * list_op_pending while X finishes, D dies with list_op_pending naming the old address, and its exit walk finds D's
     * TID in the file (by chance, in the data) and writes OWNER_DIED into a file another process shares (E-S1). With
     * the 2026 robust unlock the release and the clearing are one step for the kernel.
     */
    @KernelScenario(detects = "futex-robust-unlock")
    void unlockThenUnmapAndReuse(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults());
        MmStruct app = k.createMm("app");
        MmStruct other = k.createMm("other");
        SharedMemory mutexFile = new SharedMemory("mutex-file", k.nextSequence());
        SharedMemory dataFile = new SharedMemory("data-file", k.nextSequence());
        long r = mapShared(app, 0, mutexFile);
        long refs = r + 64;
        long tls = UserMemory.page(app);
        long idle = tls + 512;
        Task d = k.createTask("D", 120, app);
        Task x = k.createTask("X", 120, app);
        long otherView = mapShared(other, 0, dataFile);
        UserMemory.poke(other, otherView, d.pid()); // the data file's word at the mutex's offset happens to be D's TID
        UserMemory.poke(app, refs, 2);
        PthreadRobustMutex m = new PthreadRobustMutex(r, false, Protocol.AUTO);
        Task.Body user = () -> {
            RobustListHead list = registeredList(tls + (Task.current() == d ? 0 : 64));
            m.lock(list);
            int left = Libc.load(refs) - 1;
            Libc.store(refs, left);
            m.unlock(list);
            if (left == 0) { // the last user: destroy the mutex, unmap it, reuse the address, exit
                assertThat(Mmap.munmap(app, r, Mman.PAGE_SIZE)).isZero();
                assertThat(mapShared(app, r, dataFile)).as("the data file lands where the mutex was").isEqualTo(r);
                Libc.exitGroup();
            }
            Libc.futex(idle, FutexAbi.FUTEX_WAIT, 0, 0, 0, 0); // waits for more work: the exit finds it here
        };
        Boot.run(s, d, user);
        Boot.run(s, x, user);
        s.check("the data file is intact", () -> assertThat(UserMemory.peek(other, otherView)).isEqualTo(d.pid()));
    }

    /**
     * docs/model.md E.3b, glibc BZ 19089: D holds 2049 robust mutexes on a list made with set_robust_list2 and dies. W
     * waits for the one D took first, which sits at the end of the list (glibc pushes at the front). The v4 proposal
     * walks such lists without ROBUST_LIST_LIMIT: every mutex gets OWNER_DIED and W takes it over (EOWNERDEAD). With
     * the limit the walk stops silently after 2048 entries (E-S2) and W sleeps forever.
     */
    @KernelScenario(detects = "futex-robust-list2-unlimited-walk", schedules = 20, maxSteps = 200_000)
    void exitWithMoreThanTheLimitHeld(Scenario s) {
        int held = FutexAbi.ROBUST_LIST_LIMIT + 1;
        Kernel k = Boot.kernel(s, KernelConfig.defaults());
        MmStruct app = k.createMm("app");
        long tls = UserMemory.page(app);
        long arena = Mmap.mmap(app, 0, held * 32L, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, null);
        Task d = k.createTask("D", 120, app);
        Task w = k.createTask("W", 120, app);
        PthreadRobustMutex first = new PthreadRobustMutex(arena, false, Protocol.AUTO);
        Boot.setUp(d, () -> {
            RobustListHead list = RobustListHead.init(tls, false, PthreadRobustMutex.FUTEX_OFFSET_64);
            assertThat(list.registerAsList2()).isZero();
            for (int i = 0; i < held; i++) {
                new PthreadRobustMutex(arena + i * 32L, false, Protocol.AUTO).lock(list);
            }
        });
        int[] got = {-1};
        Boot.run(s, w, () -> {
            RobustListHead list = registeredList(tls + 64);
            got[0] = first.lock(list);
            first.unlock(list);
        });
        Boot.run(s, d, Libc::exit);
        s.check("W took over the dead owner's first mutex", () -> assertThat(got[0]).isEqualTo(Errno.EOWNERDEAD));
    }

    /**
     * docs/model.md E.3e: a user-made cycle in a set_robust_list2 list (A, B, A, ...) never reaches the head. The v4
     * walk has no limit for such lists but destroys each entry it handles, pointing it back at the head, so the walk
     * ends (E-S4 holds); both mutexes get OWNER_DIED.
     */
    @KernelScenario(detects = "futex-robust-list2-destructive-walk")
    void exitWithACircularList(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults());
        MmStruct app = k.createMm("app");
        long tls = UserMemory.page(app);
        long a = tls + 256;
        long b = tls + 512;
        Task d = k.createTask("D", 120, app);
        Boot.setUp(d, () -> {
            RobustListHead list = RobustListHead.init(tls, false, PthreadRobustMutex.FUTEX_OFFSET_64);
            assertThat(list.registerAsList2()).isZero();
            PthreadRobustMutex ma = new PthreadRobustMutex(a, false, Protocol.AUTO);
            PthreadRobustMutex mb = new PthreadRobustMutex(b, false, Protocol.AUTO);
            ma.lock(list);
            mb.lock(list);
            Libc.storePtr(ma.entry(), mb.entry(), false); // the list's last entry points back: a cycle
        });
        Boot.run(s, d, Libc::exit);
        s.check("both mutexes got OWNER_DIED", () -> {
            assertThatFutexWord(app, a).isFree().hasOwnerDied();
            assertThatFutexWord(app, b).isFree().hasOwnerDied();
        });
    }

    /**
     * docs/model.md E.3f, the set_robust_list2 v2 publication race: D adds a second list while G (a debugger of the
     * same user) reads D's table with get_robust_list2(). In v2 the entry is linked before its fields are written and
     * no lock orders the two, so G can read an uninitialized entry (E-S6). Initialized first and published under
     * futex_exit_mutex, G sees the list whole or not at all.
     */
    @KernelScenario(detects = "futex-robust-list2-publish")
    void addAListWhileAnotherTaskReadsTheTable(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults());
        MmStruct app = k.createMm("app");
        MmStruct dbg = k.createMm("debugger");
        long tls = UserMemory.page(app);
        long out = UserMemory.page(dbg);
        Task d = k.createTask("D", 120, app);
        Task g = k.createTask("G", 120, dbg);
        Boot.setUp(d, () -> {
            RobustListHead first = RobustListHead.init(tls, false, PthreadRobustMutex.FUTEX_OFFSET_64);
            assertThat(first.registerAsList2()).isZero();
        });
        long[] got = {Long.MIN_VALUE};
        Boot.run(s, d, () -> {
            RobustListHead second = RobustListHead.init(tls + 64, false, PthreadRobustMutex.FUTEX_OFFSET_64);
            assertThat(second.registerAsList2()).isEqualTo(1);
        });
        Boot.run(s, g, () -> {
            got[0] = Libc.getRobustList2(d.pid(), 1, out);
            if (got[0] == 0) {
                assertThat(Libc.loadPtr(out, false)).isEqualTo(tls + 64);
            }
        });
        s.check("G finds the list whole or not yet", () -> assertThat(got[0]).isIn(0L, (long) -Errno.ENOENT));
        s.check("once D is done, G finds it", () -> Boot.setUp(g, () -> {
            assertThat(Libc.getRobustList2(d.pid(), 1, out)).isZero();
            assertThat(Libc.loadPtr(out, false)).isEqualTo(tls + 64);
        }));
    }

    /**
     * docs/model.md E.3d and the FEX-Emu use case: on an arm64 host (no compat entry), an emulator runs a 32-bit x86
     * guest. The guest's 12-byte head cannot be registered (set_robust_list() wants the native 24 bytes, and there is
     * no compat set_robust_list()), and registering it would have replaced the emulator's own list anyway. With
     * set_robust_list2() the emulator keeps its 64-bit list and adds the guest's as ROBUST_LIST_32BIT: when the thread
     * dies holding a host and a guest mutex, both waiters take theirs over. Walked with 64-bit pointers, the guest list
     * is misread (E-S5) and the guest's waiter sleeps forever.
     */
    @KernelScenario(detects = "futex-robust-list2-32bit")
    void emulatorKeepsItsOwnListAndItsGuests(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults().arch(KernelConfig.Arch.ARM64));
        MmStruct app = k.createMm("fex");
        long host = UserMemory.page(app);
        long guest = Mmap.mmap(app, 0x10000, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, null); // the guest's 32-bit address space
        Task e = k.createTask("guest-thread", 120, app);
        Task hw = k.createTask("host-waiter", 120, app);
        Task gw = k.createTask("guest-waiter", 120, app);
        PthreadRobustMutex hostMutex = new PthreadRobustMutex(host + 256, false, Protocol.AUTO);
        PthreadRobustMutex guestMutex = new PthreadRobustMutex(guest + 256, true, Protocol.AUTO);
        Boot.setUp(e, () -> {
            RobustListHead own = RobustListHead.init(host, false, PthreadRobustMutex.FUTEX_OFFSET_64);
            assertThat(own.register()).as("the emulator's own list").isZero();
            RobustListHead guestList = RobustListHead.init(guest, true, PthreadRobustMutex.FUTEX_OFFSET_32);
            assertThat(guestList.registerNative(FutexAbi.COMPAT_ROBUST_LIST_HEAD_SIZE))
                    .as("a 12-byte head through the native entry").isEqualTo(-Errno.EINVAL);
            assertThat(guestList.register()).as("no compat entry on this host").isEqualTo(-Errno.ENOSYS);
            assertThat(guestList.registerAsList2()).as("the guest's list, 32-bit").isZero();
            hostMutex.lock(own);
            guestMutex.lock(guestList);
        });
        int[] got = {-1, -1};
        Boot.run(s, e, Libc::exit);
        Boot.run(s, hw, () -> {
            RobustListHead list = RobustListHead.init(host + 64, false, PthreadRobustMutex.FUTEX_OFFSET_64);
            assertThat(list.register()).isZero();
            got[0] = hostMutex.lock(list);
        });
        Boot.run(s, gw, () -> {
            RobustListHead list = RobustListHead.init(guest + 64, true, PthreadRobustMutex.FUTEX_OFFSET_32);
            assertThat(list.registerAsList2()).isZero();
            got[1] = guestMutex.lock(list);
        });
        s.check("both waiters took over the dead owner's mutexes",
                () -> assertThat(got).containsExactly(Errno.EOWNERDEAD, Errno.EOWNERDEAD));
    }
}
