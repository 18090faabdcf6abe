package org.futexlab.linux.kernel;

import org.futexlab.linux.Fix;
import org.futexlab.linux.kernel.futex.Core;
import org.futexlab.linux.kernel.sched.Signal;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Uaccess;

/**
 * kernel/exit.c and the exit-to-user path: a task dies when it calls exit, or when a fatal signal is acted on as
 * it returns to user mode. A killed task's user code is unwound by {@link TaskExited} after do_exit() ran.
 */
public final class Exit {
    private Exit() {}

    /**
     * Thrown after do_exit() to end the dead task's user code. An Error, so that user code's
     * {@code catch (Exception e)} cannot swallow its own death; {@link Task#run} catches it.
     */
    public static final class TaskExited extends Error {
        private static final long serialVersionUID = 1L;

        TaskExited(Task t) {
            super(t + " exited", null, false, false);
        }
    }

    /**
     * exit_to_user_mode(): before the task runs its next user instruction, act on pending signals. A fatal one
     * kills it: the robust-unlock clean-up first (an interrupted vDSO try-unlock that released the lock clears the
     * pending-op slot itself, 7010c39d8fc5), then do_exit(). Other signals are delivered (the model has no
     * handlers: delivery just consumes them).
     *
     * @throws TaskExited when the task died
     */
    public static void exitToUserMode(Task cur) {
        if (!Signal.signalPending(cur)) {
            return;
        }
        if (Signal.fatalSignalPending(cur)) {
            robustUnlockFixup(cur);
            doExit(cur);
            throw new TaskExited(cur);
        }
        Signal.deliver(cur);
    }

    /** The 2026 clean-up of an interrupted robust try-unlock: the lock is released, so clear *pop. */
    private static void robustUnlockFixup(Task cur) {
        long pop = cur.vdsoRobustPop;
        if (pop == 0 || cur.kernel().reverted(Fix.FUTEX_ROBUST_UNLOCK)) {
            return;
        }
        Uaccess.putUserPtr(0, pop, cur.vdsoRobustPop32);
        cur.vdsoRobustPop = 0;
    }

    /**
     * do_exit(): exit_mm() (whose mm_release() runs futex_exit_release()), then the task is a zombie. Called by
     * the dying task itself.
     */
    public static void doExit(Task cur) {
        if (cur.hasExited()) {
            return;
        }
        if (cur.mm() != null) {
            Core.futexExitRelease(cur); // mm_release(): the mm is still there for the robust-list walk
        }
        cur.exitState = Task.EXIT_ZOMBIE;
    }

    /**
     * exit() of the calling thread (the exit system call): do_exit(), then its user code ends.
     *
     * @throws TaskExited always
     */
    public static void sysExit(Task cur) {
        doExit(cur);
        throw new TaskExited(cur);
    }

    /**
     * exit_group(): SIGKILL to every other thread of the process, then exit.
     *
     * @throws TaskExited always
     */
    public static void sysExitGroup(Task cur) {
        Signal.killThreadGroup(cur.groupLeader(), cur);
        sysExit(cur);
    }
}
