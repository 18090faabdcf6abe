package org.futexlab.linux.kernel.sched;

/** kernel/signal.c: pending signals and the wake-up that delivers them. */
public final class Signal {
    private Signal() {}

    /** Sends a signal: it is pending, and the task wakes if it sleeps interruptibly (or killably, if fatal). */
    public static void sendSig(Task t, boolean fatal) {
        if (fatal) {
            t.fatalSignal = true;
        }
        t.sigPending.set(true);
        Sched.wakeUpState(t, Task.TASK_INTERRUPTIBLE | (fatal ? Task.TASK_WAKEKILL : 0));
    }

    /** signal_pending(current). */
    public static boolean signalPending(Task t) {
        return t.sigPending.get();
    }

    /** fatal_signal_pending(current). */
    public static boolean fatalSignalPending(Task t) {
        return t.fatalSignal && t.sigPending.get();
    }

    /** signal_pending_state(): whether a signal ends a sleep in this state. */
    public static boolean signalPendingState(int state, Task t) {
        if ((state & (Task.TASK_INTERRUPTIBLE | Task.TASK_WAKEKILL)) == 0) {
            return false;
        }
        if (!t.sigPending.get()) {
            return false;
        }
        return (state & Task.TASK_INTERRUPTIBLE) != 0 || t.fatalSignal;
    }

    /** The signal was handled (delivered to user space): nothing pending any more. */
    public static void deliver(Task t) {
        t.sigPending.set(false);
    }

    /** Signal numbers the model uses. */
    public static final int SIGKILL = 9, SIGBUS = 7, SIGSEGV = 11, SIGTERM = 15;

    /**
     * tgkill(tgid, tid, sig): SIGKILL kills the whole thread group, as in Linux; other signals are pending on
     * the target thread (the model has no handlers).
     *
     * @return 0, -ESRCH (no such live thread in that group) or -EINVAL (bad signal number)
     */
    public static int sysTgkill(int tgid, int tid, int sig) {
        Task cur = Task.current();
        if (sig <= 0 || sig > 64) {
            return -org.futexlab.linux.uapi.Errno.EINVAL;
        }
        Task t = cur.kernel().findTaskByVpid(tid);
        if (t == null || t.hasExited() || t.groupLeader().pid() != tgid) {
            return -org.futexlab.linux.uapi.Errno.ESRCH;
        }
        if (sig == SIGKILL) {
            killThreadGroup(t.groupLeader(), null);
        } else {
            sendSig(t, false);
        }
        return 0;
    }

    /** SIGKILL to every live thread of the group but one (in pid order: the model has no hash-order choices). */
    public static void killThreadGroup(Task leader, Task except) {
        for (Task t : leader.kernel().threadGroup(leader)) {
            if (t != except && !t.hasExited()) {
                sendSig(t, true);
            }
        }
    }
}
