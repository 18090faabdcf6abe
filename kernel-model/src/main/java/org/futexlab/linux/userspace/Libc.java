package org.futexlab.linux.userspace;

import org.futexlab.linux.arch.x86.mm.Fault;
import org.futexlab.linux.fs.userfaultfd.Userfaultfd;
import org.futexlab.linux.kernel.Exit;
import org.futexlab.linux.kernel.futex.Syscalls;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * The system-call boundary as user space sees it: the syscall() wrapper returns -1 with errno in glibc; here the
 * negated errno, after the signal-delivery path handled the restart codes (ERESTARTNOINTR restarts the call,
 * ERESTARTSYS becomes EINTR: handlers are installed without SA_RESTART). Also user-mode memory access, where an
 * impossible access is a SIGSEGV.
 */
public final class Libc {
    private Libc() {}

    /**
     * syscall(SYS_futex, ...).
     *
     * @return the result, or a negated errno
     */
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

    /**
     * A user-mode access to memory that is not mapped, or not with that permission: SIGSEGV. Like every fatal
     * signal the model raises in user code, its message carries the kernel log's symptoms and the log.
     */
    public static final class Segfault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Segfault(long addr) {
            super(withLog(String.format("SIGSEGV at 0x%x", addr)));
        }
    }

    /** A user-mode access whose fault could not be resolved (a userfaultfd range gave up, say): SIGBUS. */
    public static final class Sigbus extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Sigbus(long addr) {
            super(withLog(String.format("SIGBUS at 0x%x", addr)));
        }
    }

    private static String withLog(String headline) {
        Task cur = Task.currentOrNull();
        return cur == null ? headline : cur.kernel().dmesg().annotate(headline);
    }

    /** The user-mode page-fault path: return to retry the access, or raise the signal the task gets. */
    private static void userFault(Task cur, long addr, boolean write, int tries) {
        if (tries == 8) {
            throw new Segfault(addr); // the same access keeps faulting: nothing the model can resolve
        }
        switch (Fault.doUserAddrFault(cur.mm(), addr, write, true)) {
            case Fault.FAULT_OK:
                return;
            case Fault.FAULT_SIGNAL:
                Exit.exitToUserMode(cur); // handle the signal; the access is executed again
                return;
            case Fault.FAULT_SIGBUS:
                throw new Sigbus(addr);
            default:
                throw new Segfault(addr);
        }
    }

    private static int userLoad(Task cur, long addr) {
        for (int tries = 0; ; tries++) {
            long v = Uaccess.getUserInatomic(cur.mm(), addr);
            if (v >= 0) {
                return (int) v;
            }
            userFault(cur, addr, false, tries);
        }
    }

    private static void userStore(Task cur, long addr, int value) {
        for (int tries = 0; ; tries++) {
            if (Uaccess.storeInatomic(cur.mm(), addr, value) == 0) {
                return;
            }
            userFault(cur, addr, true, tries);
        }
    }

    private static int userRmw(Task cur, long addr, java.util.function.IntUnaryOperator op) {
        for (int tries = 0; ; tries++) {
            long r = Uaccess.atomicOpInatomic(cur.mm(), addr, op);
            if (r >= 0) {
                return (int) r;
            }
            userFault(cur, addr, true, tries);
        }
    }

    /** A user-mode load of a 32-bit word. */
    public static int load(long addr) {
        Task cur = Task.current();
        userInsn(cur);
        return userLoad(cur, addr);
    }

    /** A user-mode store of a 32-bit word. */
    public static void store(long addr, int value) {
        Task cur = Task.current();
        userInsn(cur);
        userStore(cur, addr, value);
    }

    /**
     * A user-mode compare-and-swap (lock cmpxchg).
     *
     * @return the value found
     */
    public static int cmpxchg(long addr, int expected, int value) {
        Task cur = Task.current();
        userInsn(cur);
        for (int tries = 0; ; tries++) {
            long r = Uaccess.cmpxchgInatomic(cur.mm(), addr, expected, value);
            if (r >= 0) {
                return (int) r;
            }
            userFault(cur, addr, true, tries);
        }
    }

    /**
     * A user-mode atomic exchange.
     *
     * @return the old value
     */
    public static int xchg(long addr, int value) {
        Task cur = Task.current();
        userInsn(cur);
        return userRmw(cur, addr, old -> value);
    }

    /**
     * A user-mode atomic add.
     *
     * @return the old value
     */
    public static int fetchAdd(long addr, int delta) {
        Task cur = Task.current();
        userInsn(cur);
        return userRmw(cur, addr, old -> old + delta);
    }

    /** Writes a struct timespec at addr. */
    public static void putTimespec(long addr, long sec, long nsec) {
        Task cur = Task.current();
        userInsn(cur);
        userStore(cur, addr, (int) sec);
        userStore(cur, addr + 4, (int) (sec >>> 32));
        userStore(cur, addr + 8, (int) nsec);
        userStore(cur, addr + 12, (int) (nsec >>> 32));
    }

    /**
     * clock_gettime(CLOCK_REALTIME).
     *
     * @return nanoseconds
     */
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
        userStore(cur, slot, (int) value);
        if (!ptr32) {
            userStore(cur, slot + 4, (int) (value >>> 32));
        }
        cur.mm().notePointer(slot, FutexAbi.sizeofPtr(ptr32), value);
    }

    /** A user-mode load of a pointer (8 bytes, or 4 zero-extended). */
    public static long loadPtr(long slot, boolean ptr32) {
        Task cur = Task.current();
        userInsn(cur);
        long lo = userLoad(cur, slot) & 0xffff_ffffL;
        return ptr32 ? lo : lo | (long) userLoad(cur, slot + 4) << 32;
    }

    /**
     * set_robust_list(head, len) (the compat entry when compat).
     *
     * @return 0 or a negated errno
     */
    public static long setRobustList(long head, long len, boolean compat) {
        return syscall(() -> compat ? Syscalls.compatSysSetRobustList(head, len) : Syscalls.sysSetRobustList(head, len));
    }

    /**
     * get_robust_list(pid, head_ptr, len_ptr).
     *
     * @return 0 or a negated errno
     */
    public static long getRobustList(int pid, long headPtr, long lenPtr) {
        return syscall(() -> Syscalls.sysGetRobustList(pid, headPtr, lenPtr));
    }

    /**
     * set_robust_list2(head, index, flags), as proposed.
     *
     * @return the index, 0, or a negated errno
     */
    public static long setRobustList2(long head, int index, int flags) {
        return syscall(() -> Syscalls.sysSetRobustList2(head, index, flags));
    }

    /**
     * get_robust_list2(pid, index, head_ptr), as proposed.
     *
     * @return 0 or a negated errno
     */
    public static long getRobustList2(int pid, int index, long headPtr) {
        return syscall(() -> Syscalls.sysGetRobustList2(pid, index, headPtr));
    }

    /**
     * tgkill(tgid, tid, sig).
     *
     * @return 0 or a negated errno
     */
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

    /**
     * fork(): a new process.
     *
     * @return the child's pid (in the parent; the child does not run in the model)
     */
    public static long fork() {
        return syscall(() -> org.futexlab.linux.kernel.Fork.kernelClone(0));
    }

    /** clone(flags) without a new stack: pthread_create() passes CLONE_VM | CLONE_SIGHAND | CLONE_THREAD. */
    public static long clone(long flags) {
        return syscall(() -> org.futexlab.linux.kernel.Fork.kernelClone(flags));
    }

    /**
     * arch_prctl(code, arg) (x86 xstate permissions).
     *
     * @return a value, 0, or a negated errno
     */
    public static long archPrctl(int code, long arg) {
        return syscall(() -> org.futexlab.linux.arch.x86.fpu.Xstate.sysArchPrctl(code, arg));
    }

    /**
     * userfaultfd(flags).
     *
     * @return a file descriptor, or a negated errno
     */
    public static int userfaultfd(int flags) {
        return (int) syscall(() -> Userfaultfd.sysUserfaultfd(flags));
    }

    /**
     * ioctl(fd, UFFDIO_API, {api, features}).
     *
     * @return 0 or a negated errno
     */
    public static long uffdioApi(int fd, long api, long features) {
        return syscall(() -> Userfaultfd.ioctlApi(fd, api, features));
    }

    /**
     * ioctl(fd, UFFDIO_REGISTER, {range, mode}).
     *
     * @return 0 or a negated errno
     */
    public static long uffdioRegister(int fd, long start, long len, int mode) {
        return syscall(() -> Userfaultfd.ioctlRegister(fd, start, len, mode));
    }

    /**
     * ioctl(fd, UFFDIO_COPY, {dst, src, len, mode}).
     *
     * @return the bytes copied, or a negated errno
     */
    public static long uffdioCopy(int fd, long dst, long src, long len, int mode) {
        return syscall(() -> Userfaultfd.ioctlCopy(fd, dst, src, len, mode));
    }

    /**
     * ioctl(fd, UFFDIO_ZEROPAGE, {range, mode}).
     *
     * @return the bytes zeroed, or a negated errno
     */
    public static long uffdioZeropage(int fd, long dst, long len, int mode) {
        return syscall(() -> Userfaultfd.ioctlZeropage(fd, dst, len, mode));
    }

    /**
     * ioctl(fd, UFFDIO_WAKE, {range}).
     *
     * @return 0 or a negated errno
     */
    public static long uffdioWake(int fd, long start, long len) {
        return syscall(() -> Userfaultfd.ioctlWake(fd, start, len));
    }

    /**
     * read() of one uffd_msg from a userfaultfd: a page-fault event's address. Interrupted reads are restarted.
     *
     * @return the fault address, or a negated errno (EAGAIN when non-blocking and nothing is pending)
     */
    public static long readUffd(int fd) {
        for (;;) {
            long r = syscall(() -> Userfaultfd.read(fd));
            if (r != -Errno.ERESTARTSYS) {
                return r;
            }
        }
    }

    /**
     * close() of a userfaultfd.
     *
     * @return 0 or a negated errno
     */
    public static long closeUffd(int fd) {
        return syscall(() -> Userfaultfd.close(fd));
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
