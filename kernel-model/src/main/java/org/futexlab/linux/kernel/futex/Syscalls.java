package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.sched.HrtimerSleeper;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * kernel/futex/syscalls.c: sys_futex() and do_futex(): argument validation, timeout conversion, and dispatch
 * (section G). Returns the kernel value: the result, or a negated errno, restart codes included; user space sees
 * them through {@link org.futexlab.linux.userspace.Libc}.
 */
public final class Syscalls {
    private Syscalls() {}

    /** futex_cmd_has_timeout(). */
    static boolean futexCmdHasTimeout(int cmd) {
        switch (cmd) {
            case FutexAbi.FUTEX_WAIT:
            case FutexAbi.FUTEX_LOCK_PI:
            case FutexAbi.FUTEX_LOCK_PI2:
            case FutexAbi.FUTEX_WAIT_BITSET:
            case FutexAbi.FUTEX_WAIT_REQUEUE_PI:
                return true;
            default:
                return false;
        }
    }

    /**
     * sys_futex(uaddr, op, val, utime, uaddr2, val3).
     *
     * @param utime the address of a struct timespec in user memory, or 0; for the requeue operations and
     *     FUTEX_WAKE_OP it carries val2 (nr_requeue / nr_wake2) instead
     */
    public static long sysFutex(long uaddr, int op, int val, long utime, long uaddr2, int val3) {
        Task cur = Task.current();
        Kernel k = cur.kernel();
        int cmd = op & FutexAbi.FUTEX_CMD_MASK;
        HrtimerSleeper to = null;
        if (utime != 0 && futexCmdHasTimeout(cmd)) {
            int[] err = new int[1];
            long sec = Uaccess.getUser64(utime, err);
            long nsec = err[0] == 0 ? Uaccess.getUser64(utime + 8, err) : 0;
            if (err[0] != 0) {
                return -Errno.EFAULT;
            }
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
                return -Errno.EINVAL;
            }
            long t = sec * 1_000_000_000L + nsec;
            boolean realtime = cmd == FutexAbi.FUTEX_LOCK_PI || (op & FutexAbi.FUTEX_CLOCK_REALTIME) != 0;
            long deadline;
            if (cmd == FutexAbi.FUTEX_WAIT) {
                deadline = k.ktimeGet() + t;
            } else {
                deadline = realtime ? t - k.realtimeOffset() : t;
            }
            to = new HrtimerSleeper(k, deadline);
        }
        return doFutex(uaddr, op, val, to, uaddr2, (int) utime, val3);
    }

    /** do_futex(). */
    static long doFutex(long uaddr, int op, int val, HrtimerSleeper to, long uaddr2, int val2, int val3) {
        int cmd = op & FutexAbi.FUTEX_CMD_MASK;
        int flags = (op & FutexAbi.FUTEX_PRIVATE_FLAG) != 0 ? 0 : Core.FLAGS_SHARED;
        if ((op & FutexAbi.FUTEX_CLOCK_REALTIME) != 0) {
            flags |= Core.FLAGS_CLOCKRT;
            if (cmd != FutexAbi.FUTEX_WAIT_BITSET && cmd != FutexAbi.FUTEX_WAIT_REQUEUE_PI
                    && cmd != FutexAbi.FUTEX_LOCK_PI2) {
                return -Errno.ENOSYS;
            }
        }
        if ((op & (FutexAbi.FUTEX_ROBUST_UNLOCK | FutexAbi.FUTEX_ROBUST_LIST32)) != 0) {
            return -Errno.ENOSYS; // FUTEX_ROBUST_UNLOCK comes with the robust-list part of the model
        }
        switch (cmd) {
            case FutexAbi.FUTEX_WAIT:
                return Waitwake.futexWait(uaddr, flags, val, to, FutexAbi.FUTEX_BITSET_MATCH_ANY);
            case FutexAbi.FUTEX_WAIT_BITSET:
                return Waitwake.futexWait(uaddr, flags, val, to, val3);
            case FutexAbi.FUTEX_WAKE:
                return Waitwake.futexWake(uaddr, flags, val, FutexAbi.FUTEX_BITSET_MATCH_ANY);
            case FutexAbi.FUTEX_WAKE_BITSET:
                return Waitwake.futexWake(uaddr, flags, val, val3);
            case FutexAbi.FUTEX_REQUEUE:
                return Requeue.futexRequeue(uaddr, flags, uaddr2, flags, val, val2, null, false);
            case FutexAbi.FUTEX_CMP_REQUEUE:
                return Requeue.futexRequeue(uaddr, flags, uaddr2, flags, val, val2, val3, false);
            case FutexAbi.FUTEX_WAKE_OP:
                return Waitwake.futexWakeOp(uaddr, flags, uaddr2, val, val2, val3);
            case FutexAbi.FUTEX_LOCK_PI:
                return Pi.futexLockPi(uaddr, flags | Core.FLAGS_CLOCKRT, to, false);
            case FutexAbi.FUTEX_LOCK_PI2:
                return Pi.futexLockPi(uaddr, flags, to, false);
            case FutexAbi.FUTEX_UNLOCK_PI:
                return Pi.futexUnlockPi(uaddr, flags);
            case FutexAbi.FUTEX_TRYLOCK_PI:
                return Pi.futexLockPi(uaddr, flags, null, true);
            case FutexAbi.FUTEX_WAIT_REQUEUE_PI:
                return Requeue.futexWaitRequeuePi(uaddr, flags, val, to, FutexAbi.FUTEX_BITSET_MATCH_ANY, uaddr2);
            case FutexAbi.FUTEX_CMP_REQUEUE_PI:
                return Requeue.futexRequeue(uaddr, flags, uaddr2, flags, val, val2, val3, true);
            default:
                return -Errno.ENOSYS;
        }
    }
}
