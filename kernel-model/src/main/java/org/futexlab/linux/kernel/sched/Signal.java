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
}
