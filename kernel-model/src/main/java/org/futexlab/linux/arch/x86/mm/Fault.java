package org.futexlab.linux.arch.x86.mm;

import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.fs.userfaultfd.UserfaultfdCtx;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Vma;
import org.futexlab.linux.uapi.UserfaultfdAbi;

/**
 * arch/x86/mm/fault.c: do_user_addr_fault(), the page-fault loop for an access to user memory, from user mode or
 * from the kernel (get_user, copy_from_user). handle_mm_fault() may ask for a retry (VM_FAULT_RETRY, with
 * mmap_lock dropped: a userfaultfd wait); how often it may is the {@link KernelConfig.FaultRetryPolicy}: once
 * before v5.7, then as often as it asks (4064b9827063).
 */
public final class Fault {
    private Fault() {}

    /** What the faulting access gets. */
    public static final int FAULT_OK = 0, FAULT_SIGSEGV = 1, FAULT_SIGBUS = 2, FAULT_SIGNAL = 3;

    /** Consecutive retries without sleeping before the busy-retry check (C-S3) complains, and gives up. */
    private static final int BUSY_RETRIES = 8;

    /**
     * do_user_addr_fault().
     *
     * @param user a user-mode access (else a kernel access on the task's behalf)
     * @return FAULT_OK (retry the access), FAULT_SIGSEGV (no mapping or no permission), FAULT_SIGBUS, or
     *     FAULT_SIGNAL (a signal is pending: go back and handle it, the access is retried after); a kernel-mode
     *     access gets -EFAULT for every failure
     */
    public static int doUserAddrFault(MmStruct mm, long addr, boolean write, boolean user) {
        Task cur = Task.current();
        Preempt.mightSleep("arch/x86/mm/fault.c: do_user_addr_fault");
        KernelConfig cfg = mm.kernel().config();
        boolean unbounded = cfg.faultRetryPolicy() == KernelConfig.FaultRetryPolicy.UNBOUNDED;
        int flags = Memory.FAULT_FLAG_ALLOW_RETRY | Memory.FAULT_FLAG_KILLABLE
                | (unbounded ? Memory.FAULT_FLAG_INTERRUPTIBLE : 0) | (user ? Memory.FAULT_FLAG_USER : 0)
                | (write ? Memory.FAULT_FLAG_WRITE : 0);
        int busy = 0;
        for (;;) { // retry
            long switches = cur.nvcsw;
            mm.mmapLock().downRead();
            Vma vma = mm.findVma(addr);
            if (vma == null || !Memory.vmaPermitsFault(vma, flags, cfg)) {
                mm.mmapLock().upRead();
                return FAULT_SIGSEGV;
            }
            int fault = Memory.handleMmFault(vma, addr, flags);
            if ((fault & Memory.VM_FAULT_RETRY) != 0) { // mmap_lock was dropped
                if (unbounded) {
                    if (user ? Signal.signalPending(cur) : Signal.fatalSignalPending(cur)) {
                        return FAULT_SIGNAL;
                    }
                    busy = cur.nvcsw == switches ? busy + 1 : 0;
                    checkNoBusyRetry(cur, addr, busy);
                    flags |= Memory.FAULT_FLAG_TRIED;
                    continue;
                }
                if ((flags & Memory.FAULT_FLAG_ALLOW_RETRY) != 0) { // "retry at most once"
                    flags &= ~Memory.FAULT_FLAG_ALLOW_RETRY;
                    flags |= Memory.FAULT_FLAG_TRIED;
                    if (!Signal.fatalSignalPending(cur)) {
                        continue;
                    }
                }
                return FAULT_SIGNAL;
            }
            mm.mmapLock().upRead();
            if ((fault & Memory.VM_FAULT_SIGBUS) != 0) {
                checkUserfaultSigbus(cur, vma, addr);
                return FAULT_SIGBUS;
            }
            if ((fault & Memory.VM_FAULT_ERROR) != 0) {
                return FAULT_SIGSEGV;
            }
            return FAULT_OK;
        }
    }

    /**
     * C-S1: a SIGBUS (or, for a kernel access, -EFAULT) for an address a live userfaultfd monitor would resolve:
     * the context is not released, it did not ask for UFFD_FEATURE_SIGBUS, and no fatal signal is pending.
     */
    private static void checkUserfaultSigbus(Task cur, Vma vma, long addr) {
        UserfaultfdCtx ctx = vma.userfaultfd();
        if (ctx == null || ctx.released() || (ctx.features() & UserfaultfdAbi.UFFD_FEATURE_SIGBUS) != 0
                || Signal.fatalSignalPending(cur)) {
            return;
        }
        Splat.report(Symptom.C_S1, String.format("WARNING: CPU: 0 PID: %d at arch/x86/mm/fault.c do_user_addr_fault%n"
                + "%s gets SIGBUS at 0x%x, registered with a live %s: the fault was retried without being "
                + "resolved, and the retry allowed no more waiting", cur.pid(), cur, addr, ctx), false);
    }

    /** C-S3: with unbounded retries, every retry must have slept; a loop that does not is busy. */
    private static void checkNoBusyRetry(Task cur, long addr, int busy) {
        if (busy == BUSY_RETRIES) {
            Splat.report(Symptom.C_S3, String.format("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [%s:%d]%n"
                    + "%d page-fault retries at 0x%x without sleeping", cur.comm(), cur.pid(), busy, addr), true);
        }
    }
}
