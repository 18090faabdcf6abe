package org.futexlab.linux.userspace;

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
            long r = Syscalls.sysFutex(uaddr, op, val, utime, uaddr2, val3);
            if (r == -Errno.ERESTARTNOINTR) {
                Signal.deliver(cur);
                continue;
            }
            if (r == -Errno.ERESTARTSYS) {
                Signal.deliver(cur);
                return -Errno.EINTR;
            }
            return r;
        }
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
        long v = Uaccess.getUser(addr);
        if (v < 0) {
            throw new Segfault(addr);
        }
        return (int) v;
    }

    /** A user-mode store of a 32-bit word. */
    public static void store(long addr, int value) {
        if (Uaccess.putUser(value, addr) != 0) {
            throw new Segfault(addr);
        }
    }

    /** A user-mode compare-and-swap (lock cmpxchg). @return the value found */
    public static int cmpxchg(long addr, int expected, int value) {
        MmStruct mm = Task.current().mm();
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
        MmStruct mm = Task.current().mm();
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
        MmStruct mm = Task.current().mm();
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

    /** sched_yield(). */
    public static void schedYield() {
        Sched.sysSchedYield();
    }

    /** @return the thread id (gettid()) */
    public static int gettid() {
        return Task.current().pid();
    }
}
