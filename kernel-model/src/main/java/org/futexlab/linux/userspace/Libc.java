package org.futexlab.linux.userspace;

import org.futexlab.linux.kernel.Exit;
import org.futexlab.linux.kernel.futex.Syscalls;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.uapi.Errno;

/**
 * The system-call boundary as user space sees it: the syscall() wrapper returns -1 with errno in glibc; here the
 * negated errno, after the signal-delivery path handled the restart codes (ERESTARTNOINTR restarts the call,
 * ERESTARTSYS becomes EINTR: handlers are installed without SA_RESTART). Also user-mode memory access, where an
 * impossible access is a SIGSEGV.
 */
public final class Libc {
    private Libc() {}

    /** syscall(SYS_futex, ...). @return the result, or a negated errno */
    public static long futex(long uaddr, int op, int val, long utime, long uaddr2, int val3) {
        Task cur = Task.current();
        for (;;) {
            userInsn(cur);
            long r = Syscalls.sysFutex(uaddr, op, val, utime, uaddr2, val3);
            Exit.exitToUserMode(cur); // a fatal signal ends the task on its way back to user mode
            if (r == -Errno.ERESTARTNOINTR) {
                continue;
            }
            if (r == -Errno.ERESTARTSYS) {
                return -Errno.EINTR;
            }
            return r;
        }
    }

    /**
     * Before each user instruction of the model: a fatal signal that arrived meanwhile kills the task here, so a
     * kill can land between any two of its user-space steps (the scheduler chooses where).
     */
    private static void userInsn(Task cur) {
        Exit.exitToUserMode(cur);
    }

    /** A user-mode access the kernel cannot resolve: the process gets SIGSEGV. */
    public static final class Segfault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Segfault(long addr) {
            super(String.format("SIGSEGV at 0x%x", addr));
        }
    }

    /** A user-mode load of a 32-bit word. */
    public static int load(long addr) {
        userInsn(Task.current());
        long v = Uaccess.getUser(addr);
        if (v < 0) {
            throw new Segfault(addr);
        }
        return (int) v;
    }

    /** A user-mode store of a 32-bit word. */
    public static void store(long addr, int value) {
        userInsn(Task.current());
        if (Uaccess.putUser(value, addr) != 0) {
            throw new Segfault(addr);
        }
    }

    /** A user-mode compare-and-swap (lock cmpxchg). @return the value found */
    public static int cmpxchg(long addr, int expected, int value) {
        Task cur = Task.current();
        userInsn(cur);
        MmStruct mm = cur.mm();
        for (int tries = 0; ; tries++) {
            long r = Uaccess.cmpxchgInatomic(mm, addr, expected, value);
            if (r >= 0) {
                return (int) r;
            }
            if (tries == 3 || Uaccess.faultIn(mm, addr, true) != 0) {
                throw new Segfault(addr);
            }
        }
    }

    /** A user-mode atomic exchange. @return the old value */
    public static int xchg(long addr, int value) {
        Task cur = Task.current();
        userInsn(cur);
        MmStruct mm = cur.mm();
        for (int tries = 0; ; tries++) {
            long r = Uaccess.atomicOpInatomic(mm, addr, old -> value);
            if (r >= 0) {
                return (int) r;
            }
            if (tries == 3 || Uaccess.faultIn(mm, addr, true) != 0) {
                throw new Segfault(addr);
            }
        }
    }

    /** A user-mode atomic add. @return the old value */
    public static int fetchAdd(long addr, int delta) {
        Task cur = Task.current();
        userInsn(cur);
        MmStruct mm = cur.mm();
        for (int tries = 0; ; tries++) {
            long r = Uaccess.atomicOpInatomic(mm, addr, old -> old + delta);
            if (r >= 0) {
                return (int) r;
            }
            if (tries == 3 || Uaccess.faultIn(mm, addr, true) != 0) {
                throw new Segfault(addr);
            }
        }
    }

    /** Writes a struct timespec at addr. */
    public static void putTimespec(long addr, long sec, long nsec) {
        if (Uaccess.putUser64(sec, addr) != 0 || Uaccess.putUser64(nsec, addr + 8) != 0) {
            throw new Segfault(addr);
        }
    }

    /** clock_gettime(CLOCK_REALTIME). @return nanoseconds */
    public static long clockGettimeRealtime() {
        return Task.current().kernel().ktimeGetReal();
    }

    /** Writes an absolute CLOCK_REALTIME deadline, nanos from now, as a struct timespec at addr. */
    public static void putDeadline(long addr, long nanosFromNow) {
        long t = clockGettimeRealtime() + nanosFromNow;
        putTimespec(addr, t / 1_000_000_000L, t % 1_000_000_000L);
    }

    /**
     * A user-mode store of a pointer: 8 bytes, or 4 for a 32-bit (compat or emulated) structure. The model
     * records it in the address space's debug shadow of user pointers, which the robust-list checks consult.
     */
    public static void storePtr(long slot, long value, boolean ptr32) {
        Task cur = Task.current();
        userInsn(cur);
        int err = ptr32 ? Uaccess.putUser((int) value, slot) : Uaccess.putUser64(value, slot);
        if (err != 0) {
            throw new Segfault(slot);
        }
        cur.mm().notePointer(slot, ptr32 ? 4 : 8, value);
    }

    /** A user-mode load of a pointer (8 bytes, or 4 zero-extended). */
    public static long loadPtr(long slot, boolean ptr32) {
        userInsn(Task.current());
        if (ptr32) {
            long v = Uaccess.getUser(slot);
            if (v < 0) {
                throw new Segfault(slot);
            }
            return v;
        }
        int[] err = new int[1];
        long v = Uaccess.getUser64(slot, err);
        if (err[0] != 0) {
            throw new Segfault(slot);
        }
        return v;
    }

    /** set_robust_list(head, len) (the compat entry when compat). @return 0 or a negated errno */
    public static long setRobustList(long head, long len, boolean compat) {
        return syscall(() -> compat ? Syscalls.compatSysSetRobustList(head, len) : Syscalls.sysSetRobustList(head, len));
    }

    /** get_robust_list(pid, head_ptr, len_ptr). @return 0 or a negated errno */
    public static long getRobustList(int pid, long headPtr, long lenPtr) {
        return syscall(() -> Syscalls.sysGetRobustList(pid, headPtr, lenPtr));
    }

    /** set_robust_list2(head, index, flags), as proposed. @return the index, 0, or a negated errno */
    public static long setRobustList2(long head, int index, int flags) {
        return syscall(() -> Syscalls.sysSetRobustList2(head, index, flags));
    }

    /** get_robust_list2(pid, index, head_ptr), as proposed. @return 0 or a negated errno */
    public static long getRobustList2(int pid, int index, long headPtr) {
        return syscall(() -> Syscalls.sysGetRobustList2(pid, index, headPtr));
    }

    /** tgkill(tgid, tid, sig). @return 0 or a negated errno */
    public static long tgkill(int tgid, int tid, int sig) {
        return syscall(() -> Signal.sysTgkill(tgid, tid, sig));
    }

    /** exit(): the calling thread ends here (robust lists and PI state are cleaned up). */
    public static void exit() {
        Task cur = Task.current();
        userInsn(cur);
        Exit.sysExit(cur);
    }

    /** exit_group(): every thread of the process is killed, then the caller ends here. */
    public static void exitGroup() {
        Task cur = Task.current();
        userInsn(cur);
        Exit.sysExitGroup(cur);
    }

    /** A system call that returns at once: the kill check on the way in and on the way out. */
    private static long syscall(java.util.function.LongSupplier call) {
        Task cur = Task.current();
        userInsn(cur);
        long r = call.getAsLong();
        Exit.exitToUserMode(cur);
        return r;
    }

    /** @return whether the vDSO provides __vdso_futex_robust_try_unlock (kernels with the 2026 robust unlock) */
    public static boolean vdsoHasRobustTryUnlock() {
        return !Task.current().kernel().reverted(org.futexlab.linux.Fix.FUTEX_ROBUST_UNLOCK);
    }

    /**
     * __vdso_futex_robust_list{64,32}_try_unlock(lock, tid, pop): release an uncontended robust mutex and clear the
     * pending-op slot. Between the successful cmpxchg and the clearing store the task is in the vDSO's critical
     * section: a kill landing there is cleaned up by the kernel, which clears *pop itself.
     *
     * @return the value the lock word had (tid when released; tid|WAITERS when contended: use the system call)
     */
    public static int vdsoRobustTryUnlock(long lock, int tid, long pop, boolean list32) {
        Task cur = Task.current();
        if (!vdsoHasRobustTryUnlock()) {
            throw new IllegalStateException("the vDSO of this kernel has no robust try-unlock");
        }
        int old = cmpxchg(lock, tid, 0);
        if (old == tid) {
            cur.vdsoRobustPop32 = list32;
            cur.vdsoRobustPop = pop;
            storePtr(pop, 0, list32);
            cur.vdsoRobustPop = 0;
        }
        return old;
    }

    /** sched_yield(). */
    public static void schedYield() {
        Sched.sysSchedYield();
    }

    /** @return the thread id (gettid()) */
    public static int gettid() {
        return Task.current().pid();
    }
}
