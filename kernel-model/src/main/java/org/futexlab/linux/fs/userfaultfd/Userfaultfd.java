package org.futexlab.linux.fs.userfaultfd;

import org.futexlab.linux.Fix;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.kernel.sched.Sched;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Vma;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.Mman;
import org.futexlab.linux.uapi.UserfaultfdAbi;

/**
 * fs/userfaultfd.c: a monitor resolves the missing-page faults of a registered range. The faulting task queues
 * itself, wakes the monitor and sleeps (handle_userfault()); the monitor reads the fault, installs the page
 * (UFFDIO_COPY or UFFDIO_ZEROPAGE, which wake the range) or just wakes it (UFFDIO_WAKE); the fault is then
 * retried. The ioctls' structs are passed as arguments here.
 *
 * <p>handle_userfault() comes in the two shapes the fault-retry policy implies: with {@link
 * KernelConfig.FaultRetryPolicy#ONCE} (before v5.7) the 2015 code with the 2017 {@code waken} loop (reverted by
 * {@link Fix#USERFAULTFD_WAKEN_LOOP}); with {@code UNBOUNDED} the 2020 code (f9bf352224d7): one schedule(), then
 * VM_FAULT_RETRY, whatever woke it.
 */
public final class Userfaultfd {
    private Userfaultfd() {}

    /**
     * userfaultfd(2).
     *
     * @return the file descriptor, or -EINVAL (unknown flags)
     */
    public static long sysUserfaultfd(int flags) {
        Task cur = Task.current();
        if ((flags & ~(UserfaultfdAbi.O_CLOEXEC | UserfaultfdAbi.O_NONBLOCK)) != 0) {
            return -Errno.EINVAL;
        }
        UserfaultfdCtx ctx = new UserfaultfdCtx(cur.kernel(), cur.mm(), (flags & UserfaultfdAbi.O_NONBLOCK) != 0);
        return cur.mm().installFd(ctx);
    }

    private static UserfaultfdCtx ctxOf(int fd) {
        Object f = Task.current().mm().fdGet(fd);
        return f instanceof UserfaultfdCtx ? (UserfaultfdCtx) f : null;
    }

    /**
     * UFFDIO_API.
     *
     * @return 0, -EBADF, -EINVAL (wrong API, unknown features, or already done)
     */
    public static long ioctlApi(int fd, long api, long features) {
        UserfaultfdCtx ctx = ctxOf(fd);
        if (ctx == null) {
            return -Errno.EBADF;
        }
        if (api != UserfaultfdAbi.UFFD_API || (features & ~UserfaultfdAbi.UFFD_API_FEATURES) != 0 || ctx.apiDone) {
            return -Errno.EINVAL;
        }
        ctx.features = features;
        ctx.apiDone = true;
        return 0;
    }

    /**
     * UFFDIO_REGISTER of [start, start+len) for missing-page faults.
     *
     * @return 0, -EBADF, -EINVAL (bad range or mode, no UFFDIO_API yet) or -ENOMEM (not fully mapped)
     */
    public static long ioctlRegister(int fd, long start, long len, int mode) {
        UserfaultfdCtx ctx = ctxOf(fd);
        if (ctx == null) {
            return -Errno.EBADF;
        }
        if (!ctx.apiDone || mode != UserfaultfdAbi.UFFDIO_REGISTER_MODE_MISSING || len <= 0
                || start % Mman.PAGE_SIZE != 0 || len % Mman.PAGE_SIZE != 0) {
            return -Errno.EINVAL;
        }
        MmStruct mm = ctx.mm;
        mm.mmapLock().downWrite();
        try {
            for (long a = start; a < start + len; a += Mman.PAGE_SIZE) {
                if (mm.findVma(a) == null) {
                    return -Errno.ENOMEM;
                }
            }
            for (long a = start; a < start + len; a += Mman.PAGE_SIZE) {
                mm.findVma(a).setUserfaultfd(ctx);
            }
            return 0;
        } finally {
            mm.mmapLock().upWrite();
        }
    }

    /**
     * read() of the userfaultfd: the oldest fault not yet read, moved to the read list (a monitor waits for the
     * range wake-up of what it read). Blocks unless O_NONBLOCK.
     *
     * @return the fault address, or -EAGAIN (nothing pending, non-blocking), -ERESTARTSYS (a signal), -EBADF
     */
    public static long read(int fd) {
        UserfaultfdCtx ctx = ctxOf(fd);
        if (ctx == null) {
            return -Errno.EBADF;
        }
        Task cur = Task.current();
        for (;;) {
            ctx.fdLock.spinLock();
            ctx.fdWaiters.add(cur);
            Sched.setCurrentState(Task.TASK_INTERRUPTIBLE);
            ctx.fdLock.spinUnlock();
            ctx.faultPendingLock.spinLock();
            UserfaultfdWaitQueue uwq = ctx.faultPending.isEmpty() ? null : ctx.faultPending.remove(0);
            if (uwq != null) {
                ctx.fault.add(uwq); // refile: still queued, so the range wake-up finds it
            }
            ctx.faultPendingLock.spinUnlock();
            if (uwq != null || ctx.nonblock || Signal.signalPending(cur)) {
                Sched.setCurrentState(Task.TASK_RUNNING);
                ctx.fdLock.spinLock();
                ctx.fdWaiters.remove(cur);
                ctx.fdLock.spinUnlock();
                if (uwq != null) {
                    return uwq.address;
                }
                return ctx.nonblock ? -Errno.EAGAIN : -Errno.ERESTARTSYS;
            }
            Sched.schedule();
            ctx.fdLock.spinLock();
            ctx.fdWaiters.remove(cur);
            ctx.fdLock.spinUnlock();
        }
    }

    /**
     * UFFDIO_COPY of one page: install a page with the contents of src at dst, then wake the faults of the page
     * (unless DONTWAKE).
     *
     * @return the bytes copied, or -EBADF, -EINVAL, -ENOENT (dst not registered), -EEXIST (already present)
     */
    public static long ioctlCopy(int fd, long dst, long src, long len, int mode) {
        return fill(fd, dst, src, len, mode, true);
    }

    /**
     * UFFDIO_ZEROPAGE of one page.
     *
     * @return as {@link #ioctlCopy}
     */
    public static long ioctlZeropage(int fd, long dst, long len, int mode) {
        return fill(fd, dst, 0, len, mode, false);
    }

    private static long fill(int fd, long dst, long src, long len, int mode, boolean copy) {
        UserfaultfdCtx ctx = ctxOf(fd);
        if (ctx == null) {
            return -Errno.EBADF;
        }
        if (dst % Mman.PAGE_SIZE != 0 || len != Mman.PAGE_SIZE
                || (mode & ~UserfaultfdAbi.UFFDIO_COPY_MODE_DONTWAKE) != 0) {
            return -Errno.EINVAL;
        }
        MmStruct mm = ctx.mm;
        mm.mmapLock().downRead();
        long ret;
        try {
            Vma vma = mm.findVma(dst);
            if (vma == null || vma.userfaultfd() != ctx) {
                ret = -Errno.ENOENT;
            } else {
                ret = Memory.mfillAtomicPte(vma, dst, copy ? src : 0);
                if (ret == 0) {
                    ret = len;
                }
            }
        } finally {
            mm.mmapLock().upRead();
        }
        if (ret > 0 && (mode & UserfaultfdAbi.UFFDIO_COPY_MODE_DONTWAKE) == 0) {
            wakeUserfault(ctx, dst, len);
        }
        return ret;
    }

    /**
     * UFFDIO_WAKE: wake the faults of a range without installing anything.
     *
     * @return 0, -EBADF or -EINVAL
     */
    public static long ioctlWake(int fd, long start, long len) {
        UserfaultfdCtx ctx = ctxOf(fd);
        if (ctx == null) {
            return -Errno.EBADF;
        }
        if (start % Mman.PAGE_SIZE != 0 || len <= 0) {
            return -Errno.EINVAL;
        }
        wakeUserfault(ctx, start, len);
        return 0;
    }

    /**
     * close(): the file is released. Registered ranges fall back to normal faults and every waiting fault is
     * woken (it retries and is then handled normally).
     */
    public static long close(int fd) {
        Task cur = Task.current();
        UserfaultfdCtx ctx = ctxOf(fd);
        if (ctx == null) {
            return -Errno.EBADF;
        }
        cur.mm().closeFd(fd);
        ctx.mm.mmapLock().downWrite();
        try {
            ctx.released = true;
            ctx.mm.unregisterUserfaultfd(ctx);
        } finally {
            ctx.mm.mmapLock().upWrite();
        }
        wakeUserfault(ctx, 0, Long.MAX_VALUE);
        return 0;
    }

    /**
     * wake_userfault() with userfaultfd_wake_function(): every queued fault in the range is marked waken (2017),
     * woken, and unlinked.
     */
    static void wakeUserfault(UserfaultfdCtx ctx, long start, long len) {
        ctx.faultPendingLock.spinLock();
        try {
            wakeList(ctx.faultPending, start, len);
            wakeList(ctx.fault, start, len);
        } finally {
            ctx.faultPendingLock.spinUnlock();
        }
    }

    private static void wakeList(java.util.List<UserfaultfdWaitQueue> q, long start, long len) {
        for (UserfaultfdWaitQueue uwq : new java.util.ArrayList<>(q)) {
            if (uwq.address >= start && uwq.address - start < len) {
                uwq.waken = true;
                Sched.wakeUpState(uwq.task, Task.TASK_NORMAL);
                q.remove(uwq);
                uwq.queued = false;
            }
        }
    }

    /**
     * handle_userfault(): a missing page in a registered range. Called by handle_mm_fault() with mmap_lock held
     * for read; when it returns VM_FAULT_RETRY it has dropped it.
     *
     * @return VM_FAULT_SIGBUS (no retry allowed, or UFFD_FEATURE_SIGBUS), VM_FAULT_RETRY (retry the fault),
     *     VM_FAULT_NOPAGE (the context was released, or a signal for user space; mmap_lock held)
     */
    public static int handleUserfault(Vma vma, long addr, int flags) {
        Task cur = Task.currentOrNull();
        UserfaultfdCtx ctx = vma.userfaultfd();
        if (cur == null || ctx == null) {
            return Memory.VM_FAULT_SIGBUS;
        }
        Lockdep.lockdepAssertHeld(vma.mm().mmapLock(), "fs/userfaultfd.c handle_userfault"); // H8 drops it
        if (ctx.released) {
            return Memory.VM_FAULT_NOPAGE;
        }
        if ((ctx.features & UserfaultfdAbi.UFFD_FEATURE_SIGBUS) != 0) {
            return Memory.VM_FAULT_SIGBUS;
        }
        if ((flags & Memory.FAULT_FLAG_ALLOW_RETRY) == 0) { // H2: the caller cannot let it sleep and retry
            return Memory.VM_FAULT_SIGBUS;
        }
        Kernel k = cur.kernel();
        boolean current = k.config().faultRetryPolicy() == KernelConfig.FaultRetryPolicy.UNBOUNDED;
        boolean returnToUserland = (flags & (Memory.FAULT_FLAG_USER | Memory.FAULT_FLAG_KILLABLE))
                == (Memory.FAULT_FLAG_USER | Memory.FAULT_FLAG_KILLABLE);
        int blockingState = current ? blockingState(flags)
                : returnToUserland ? Task.TASK_INTERRUPTIBLE : Task.TASK_KILLABLE;
        UserfaultfdWaitQueue uwq = new UserfaultfdWaitQueue(cur, addr & ~(Mman.PAGE_SIZE - 1));
        ctx.faultPendingLock.spinLock(); // H6: queue and set the state before the must-wait check
        ctx.faultPending.add(uwq);
        uwq.queued = true;
        Sched.setCurrentState(blockingState);
        ctx.faultPendingLock.spinUnlock();
        boolean mustWait = vma.mm().pte(addr) == null; // H7: userfaultfd_must_wait()
        vma.mm().mmapLock().upRead(); // H8
        int ret = Memory.VM_FAULT_RETRY;
        if (current) {
            if (mustWait && !ctx.released) {
                wakeMonitor(ctx);
                Sched.schedule(); // whatever woke it, the fault is retried
            }
        } else if (mustWait && !ctx.released && !signalPending(cur, returnToUserland)) {
            wakeMonitor(ctx);
            Sched.schedule(); // H9
            ret |= Memory.VM_FAULT_MAJOR;
            if (!k.reverted(Fix.USERFAULTFD_WAKEN_LOOP)) {
                // 15a77c6fe494: only the range wake-up ends the wait; a false wake-up sleeps again.
                while (!uwq.waken) {
                    Sched.setCurrentState(blockingState);
                    if (uwq.waken || ctx.released || signalPending(cur, returnToUserland)) {
                        break;
                    }
                    Sched.schedule();
                }
            }
        }
        Sched.setCurrentStateNoBarrier(Task.TASK_RUNNING); // H10
        if (!current && returnToUserland && Signal.signalPending(cur) && !Signal.fatalSignalPending(cur)) {
            // H11 (until v5.7): let user space handle the signal and re-execute the access.
            vma.mm().mmapLock().downRead();
            ret = Memory.VM_FAULT_NOPAGE;
        }
        if (uwq.queued) { // H12: the wait entry lives on this stack
            ctx.faultPendingLock.spinLock();
            ctx.faultPending.remove(uwq);
            ctx.fault.remove(uwq);
            uwq.queued = false;
            ctx.faultPendingLock.spinUnlock();
        }
        return ret;
    }

    /** userfaultfd_get_blocking_state(). */
    private static int blockingState(int flags) {
        if ((flags & Memory.FAULT_FLAG_INTERRUPTIBLE) != 0) {
            return Task.TASK_INTERRUPTIBLE;
        }
        if ((flags & Memory.FAULT_FLAG_KILLABLE) != 0) {
            return Task.TASK_KILLABLE;
        }
        return Task.TASK_UNINTERRUPTIBLE;
    }

    private static boolean signalPending(Task cur, boolean returnToUserland) {
        return returnToUserland ? Signal.signalPending(cur) : Signal.fatalSignalPending(cur);
    }

    /** wake_up_poll(&ctx->fd_wqh, POLLIN): the monitor may read. */
    private static void wakeMonitor(UserfaultfdCtx ctx) {
        ctx.fdLock.spinLock();
        try {
            for (Task t : ctx.fdWaiters) {
                Sched.wakeUpState(t, Task.TASK_INTERRUPTIBLE);
            }
        } finally {
            ctx.fdLock.spinUnlock();
        }
    }
}
