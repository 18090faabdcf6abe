package org.futexlab.linux.kernel.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.Exit;
import org.futexlab.linux.kernel.futex.PiState;
import org.futexlab.linux.kernel.futex.RobustList2Entry;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.kernel.locking.RawSpinlock;
import org.futexlab.linux.kernel.locking.RtMutex;
import org.futexlab.linux.kernel.locking.RtMutexBase;
import org.futexlab.linux.kernel.locking.RtMutexWaiter;
import org.futexlab.linux.mm.MmStruct;

/**
 * struct task_struct, as far as the modelled code needs it. A logical thread of a scenario becomes the task
 * through {@link #run(Body)}; model code finds it as {@link #current()}.
 *
 * <p>Locking: {@code piBlockedOn}, {@code piWaiters}, {@code savedState} and the priority fields are changed
 * only under {@code piLock}; the atomic-context counters are the task's own.
 */
public final class Task {
    public static final int TASK_RUNNING = 0x0000;
    public static final int TASK_INTERRUPTIBLE = 0x0001;
    public static final int TASK_UNINTERRUPTIBLE = 0x0002;
    public static final int TASK_WAKEKILL = 0x0100;
    public static final int TASK_RTLOCK_WAIT = 0x1000;
    public static final int TASK_KILLABLE = TASK_WAKEKILL | TASK_UNINTERRUPTIBLE;
    public static final int TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;

    /** futex exit states (kernel/futex/core.c). */
    public static final int FUTEX_STATE_OK = 0, FUTEX_STATE_EXITING = 1, FUTEX_STATE_DEAD = 2;

    /** The body a task runs: user-space code that makes system calls. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    private final Kernel kernel;
    private final int pid;
    private final String comm;
    private final MmStruct mm;

    // Priorities (kernel convention: lower is higher): changed under piLock.
    int normalPrio;
    int prio;

    final AtomicInteger state = new AtomicInteger(TASK_RUNNING);
    /** The state saved while blocked on an RT lock; regular wake-ups land here (under piLock). */
    int savedState = TASK_RUNNING;
    volatile Thread thread;

    // Atomic context: only the task itself touches these.
    public int preemptCount;
    public int irqsDisabled;
    public int bhDisabled;
    public int migrateDisabled;
    public int rcuReadLockNesting;
    public int pagefaultDisabled;
    public String preemptDisabledAt;

    // PI state (kernel/locking/rtmutex.c).
    public final RawSpinlock piLock;
    /** The top waiter of each rt_mutex this task owns, highest priority first. Under piLock. */
    public final List<RtMutexWaiter> piWaiters = new ArrayList<>();
    /** The one waiter through which the task is blocked, or null. Under piLock. */
    public RtMutexWaiter piBlockedOn;
    /**
     * Debug (DEBUG_RT_MUTEXES): this task's waiters enqueued on any rt_mutex; at most one, by invariant
     * docs/model.md A.5.1.
     */
    public final List<RtMutexWaiter> rtWaiters = new ArrayList<>();

    // futex (kernel/futex): pi_state_list under piLock; exit state and the mutex waiters of an exiting owner
    // wait on.
    public final List<PiState> piStateList = new ArrayList<>();
    public volatile int futexState = FUTEX_STATE_OK;
    public final RtMutex futexExitMutex;
    private final boolean kthread;

    /** The thread's FPU state (x86: thread.fpu); the group leader's holds the process's xstate permissions. */
    private final org.futexlab.linux.arch.x86.fpu.Fpu fpu = new org.futexlab.linux.arch.x86.fpu.Fpu();

    /** Voluntary context switches: schedule() calls that slept (the fault loop's busy-retry check reads it). */
    public long nvcsw;

    // Signals: the process's sighand (its siglock protects the group leader's FPU permissions too).
    final AtomicBoolean sigPending = new AtomicBoolean();
    volatile boolean fatalSignal;
    private final SighandStruct sighand;
    private final Task groupLeader;

    // Robust futexes (kernel/futex/core.c): user pointers to the list heads, and the table of the proposed
    // set_robust_list2 (first entry, or null).
    public volatile long robustList;
    public volatile long compatRobustList;
    public volatile RobustList2Entry robustList2;

    /**
     * The robust-unlock vDSO critical section (2026): the pending-op slot the try-unlock clears, set from a
     * successful cmpxchg until that store, as the kernel knows it from the interrupted instruction pointer lying
     * in [cs_start, cs_end). 0 outside it.
     */
    public long vdsoRobustPop;
    /** The slot above is a 32-bit one (FUTEX_ROBUST_LIST32). */
    public boolean vdsoRobustPop32;

    /** The exit state: 0 while alive, EXIT_ZOMBIE once do_exit() is done. */
    public static final int EXIT_ZOMBIE = 0x20;
    public volatile int exitState;
    private final int uid;

    /** Lockdep: the locks this task holds, in acquisition order (current->held_locks). Only the task touches it. */
    public final List<Lockdep.HeldLock> heldLocks = new ArrayList<>();

    /** Canonical rt_mutex owner words for this task (with and without RT_MUTEX_HAS_WAITERS). */
    public final RtMutexBase.Owner asOwner;
    public final RtMutexBase.Owner asOwnerWithWaiters;

    /**
     * @param groupLeader the thread group this task joins (it shares the leader's sighand), or null to lead a
     *     new one
     * @param uid the real uid, which ptrace access checks compare
     */
    public Task(Kernel kernel, int pid, String comm, int prio, MmStruct mm, Task groupLeader, int uid) {
        this.kernel = kernel;
        this.groupLeader = groupLeader == null ? this : groupLeader;
        this.sighand = groupLeader == null ? new SighandStruct(kernel) : groupLeader.sighand;
        this.uid = uid;
        this.kthread = mm == null;
        this.futexExitMutex = new RtMutex(kernel, "&tsk->futex_exit_mutex");
        this.pid = pid;
        this.comm = comm;
        this.mm = mm;
        this.normalPrio = prio;
        this.prio = prio;
        this.piLock = new RawSpinlock(kernel, "&p->pi_lock");
        this.asOwner = new RtMutexBase.Owner(this, false);
        this.asOwnerWithWaiters = new RtMutexBase.Owner(this, true);
    }

    /** @return the task the calling thread runs as; throws outside {@link #run(Body)} */
    public static Task current() {
        Task t = CURRENT.get();
        if (t == null) {
            throw new IllegalStateException("no current task: model code must run inside Task.run()");
        }
        return t;
    }

    /**
     * Forgets the task the calling thread runs as when it belongs to another kernel than k (any task, for null),
     * which only a run abandoned mid-way can leave there: a harness that
     * abandons a run mid-way (Lincheck gives up on an invocation it thinks hangs, and reuses its threads) leaves
     * it behind, and nothing of kernel k may act as a task of a kernel that is gone. Called by {@link #run} and by
     * a harness before it uses k on such a thread outside any task (booting, mapping memory).
     */
    public static void dropStaleCurrent(Kernel k) {
        Task t = CURRENT.get();
        if (t != null && t.kernel != k) {
            CURRENT.remove();
        }
    }

    /** @return the task the calling thread runs as, or null */
    public static Task currentOrNull() {
        return CURRENT.get();
    }

    /**
     * Runs body as this task on the calling thread: inside it, {@link #current()} is this task. When the task
     * exits (an exit call, or killed by a fatal signal), body ends there and run returns normally. A KernelBug
     * (an oops) propagates after its splat is logged.
     */
    public void run(Body body) throws Exception {
        dropStaleCurrent(kernel);
        Task previous = CURRENT.get();
        if (previous != null && previous != this) {
            throw new IllegalStateException("thread already runs as task " + previous);
        }
        CURRENT.set(this);
        thread = Thread.currentThread();
        try {
            body.run();
        } catch (Exit.TaskExited e) {
            // do_exit() ran; the task's user code ends here.
        } finally {
            CURRENT.set(previous);
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    public MmStruct mm() {
        return mm;
    }

    /** @return the thread group's leader (this task when it leads) */
    public Task groupLeader() {
        return groupLeader;
    }

    /** @return the thread's FPU state */
    public org.futexlab.linux.arch.x86.fpu.Fpu fpu() {
        return fpu;
    }

    /** @return the signal handlers shared by the thread group, with their siglock */
    public SighandStruct sighand() {
        return sighand;
    }

    /** @return the real uid */
    public int uid() {
        return uid;
    }

    /** @return whether do_exit() has run */
    public boolean hasExited() {
        return exitState != 0;
    }

    /** @return whether this is a kernel thread (no mm) */
    public boolean isKernelThread() {
        return kthread;
    }

    /** @return the effective (possibly PI-boosted) priority */
    public int prio() {
        return prio;
    }

    /** @return the priority without boosting */
    public int normalPrio() {
        return normalPrio;
    }

    /** rt_mutex_setprio(): sets the effective priority, under piLock like every PI field of the task. */
    public void setPrio(int p) {
        Lockdep.lockdepAssertHeld(piLock, "kernel/sched/core.c rt_mutex_setprio");
        this.prio = p;
    }

    /** @return the task's scheduler state word */
    public int state() {
        return state.get();
    }

    /** @return whether a signal is pending */
    public boolean signalPending() {
        return sigPending.get();
    }

    @Override
    public String toString() {
        return comm + "/" + pid;
    }
}
