package org.futexlab.linux.fs.userfaultfd;

import java.util.ArrayList;
import java.util.List;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.Spinlock;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;

/**
 * struct userfaultfd_ctx: the faults waiting for the monitor (fault_pending_wqh: not yet read; fault_wqh: read,
 * not yet resolved), the monitor's own wait queue (fd_wqh), and whether the file was released. Each wait queue
 * is a list under its spinlock.
 */
public final class UserfaultfdCtx {
    final MmStruct mm;
    final Spinlock faultPendingLock;
    final List<UserfaultfdWaitQueue> faultPending = new ArrayList<>();
    final List<UserfaultfdWaitQueue> fault = new ArrayList<>();
    final Spinlock fdLock;
    final List<Task> fdWaiters = new ArrayList<>();
    volatile boolean released;
    volatile long features;
    volatile boolean apiDone;
    final boolean nonblock;

    UserfaultfdCtx(Kernel kernel, MmStruct mm, boolean nonblock) {
        this.mm = mm;
        this.nonblock = nonblock;
        this.faultPendingLock = new Spinlock(kernel, "&ctx->fault_pending_wqh.lock");
        this.fdLock = new Spinlock(kernel, "&ctx->fd_wqh.lock");
    }

    /** @return whether the file was released (closed) */
    public boolean released() {
        return released;
    }

    /** @return the features UFFDIO_API enabled */
    public long features() {
        return features;
    }

    @Override
    public String toString() {
        return "userfaultfd of " + mm;
    }
}
