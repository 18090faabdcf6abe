package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.Fix;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.sched.HrtimerSleeper;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Uaccess;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;

/**
 * kernel/futex/syscalls.c: sys_futex() and do_futex(): argument validation, timeout conversion, and dispatch
 * (docs/model.md G). Returns the kernel value: the result, or a negated errno, restart codes included; user space sees
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
        // The clock only chooses the deadline, which sys_futex() already turned into the timer: no FLAGS_CLOCKRT.
        if ((op & FutexAbi.FUTEX_CLOCK_REALTIME) != 0) {
            if (cmd != FutexAbi.FUTEX_WAIT_BITSET && cmd != FutexAbi.FUTEX_WAIT_REQUEUE_PI
                    && cmd != FutexAbi.FUTEX_LOCK_PI2) {
                return -Errno.ENOSYS;
            }
        }
        if ((op & (FutexAbi.FUTEX_ROBUST_UNLOCK | FutexAbi.FUTEX_ROBUST_LIST32)) != 0) {
            Task cur = Task.current();
            if (cur.kernel().reverted(Fix.FUTEX_ROBUST_UNLOCK) || (op & FutexAbi.FUTEX_ROBUST_UNLOCK) == 0) {
                return -Errno.ENOSYS;
            }
            boolean list32 = (op & FutexAbi.FUTEX_ROBUST_LIST32) != 0;
            switch (cmd) {
                case FutexAbi.FUTEX_WAKE:
                    return Waitwake.futexRobustUnlock(uaddr, flags, val, FutexAbi.FUTEX_BITSET_MATCH_ANY, uaddr2,
                            list32);
                case FutexAbi.FUTEX_WAKE_BITSET:
                    return Waitwake.futexRobustUnlock(uaddr, flags, val, val3, uaddr2, list32);
                case FutexAbi.FUTEX_UNLOCK_PI: {
                    int r = Pi.futexUnlockPi(uaddr, flags);
                    return r != 0 ? r : Waitwake.clearRobustPop(uaddr2, list32);
                }
                default:
                    return -Errno.ENOSYS;
            }
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
            case FutexAbi.FUTEX_LOCK_PI: // the two differ only in the clock sys_futex() chose for the timeout
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

    // ------------------------------------------------------------------ robust lists

    /**
     * set_robust_list(head, len): only the length is checked (the head is a user pointer the exit walk reads
     * with fault handling); the native head is 24 bytes.
     */
    public static long sysSetRobustList(long head, long len) {
        if (len != FutexAbi.ROBUST_LIST_HEAD_SIZE) {
            return -Errno.EINVAL;
        }
        Task.current().robustList = head;
        return 0;
    }

    /**
     * compat_sys_set_robust_list(): a 32-bit process's 12-byte head. A kernel without a compat entry (arm64)
     * has no such system call.
     */
    public static long compatSysSetRobustList(long head, long len) {
        Task cur = Task.current();
        if (!cur.kernel().config().compat()) {
            return -Errno.ENOSYS;
        }
        if (len != FutexAbi.COMPAT_ROBUST_LIST_HEAD_SIZE) {
            return -Errno.EINVAL;
        }
        cur.compatRobustList = head;
        return 0;
    }

    /**
     * get_robust_list(pid, head_ptr, len_ptr): pid 0 is the caller; another task needs ptrace read access.
     *
     * @return 0, -ESRCH, -EPERM or -EFAULT
     */
    public static long sysGetRobustList(int pid, long headPtr, long lenPtr) {
        Task p = robustListTarget(pid);
        long err = robustListAccess(p);
        if (err != 0) {
            return err;
        }
        long head = p.robustList;
        if (Uaccess.putUser64(FutexAbi.ROBUST_LIST_HEAD_SIZE, lenPtr) != 0) {
            return -Errno.EFAULT;
        }
        return Uaccess.putUser64(head, headPtr);
    }

    private static Task robustListTarget(int pid) {
        Task cur = Task.current();
        return pid == 0 ? cur : cur.kernel().findTaskByVpid(pid);
    }

    /** ptrace_may_access(PTRACE_MODE_READ_REALCREDS) as the model has it: same process, same uid, or root. */
    private static long robustListAccess(Task p) {
        Task cur = Task.current();
        if (p == null) {
            return -Errno.ESRCH;
        }
        if (p.groupLeader() != cur.groupLeader() && p.uid() != cur.uid() && cur.uid() != 0) {
            return -Errno.EPERM;
        }
        return 0;
    }

    /**
     * set_robust_list2(head, index, flags) as proposed (v2, 2024): index -1 appends a list and returns its index,
     * an index >= 0 sets the head of an existing one; flags give the list type. The model follows the design
     * asked for in review: the entry is written before it is published, under futex_exit_mutex, which readers
     * and the exit walk also hold (reverted: v2 as posted, published first, unlocked). Heads must be naturally
     * aligned (v4).
     *
     * @return the index, 0, -EINVAL (bad index, flags or alignment, or the table is full; the v2 comment says
     *     -ESRCH, its code returns -EINVAL), or -ENOENT (no list with that index)
     */
    public static long sysSetRobustList2(long head, int index, int flags) {
        Task cur = Task.current();
        if ((flags & ~FutexAbi.ROBUST_LIST_TYPE_MASK) != 0 || index < -1
                || index >= FutexAbi.ROBUST_LISTS_PER_TASK) {
            return -Errno.EINVAL;
        }
        int type = flags & FutexAbi.ROBUST_LIST_TYPE_MASK;
        boolean list32 = type != FutexAbi.ROBUST_LIST_64BIT;
        if (head % FutexAbi.sizeofPtr(list32) != 0) {
            return -Errno.EINVAL;
        }
        boolean designed = !cur.kernel().reverted(Fix.ROBUST_LIST2_PUBLISH);
        if (designed) {
            cur.futexExitMutex.rtMutexLock();
        }
        try {
            RobustList2Entry last = null;
            int n = 0;
            for (RobustList2Entry e = cur.robustList2; e != null; e = e.next) {
                if (index >= 0 && e.index == index) {
                    e.head = head;
                    e.listType = type;
                    return 0;
                }
                last = e;
                n++;
            }
            if (index >= 0) {
                return -Errno.ENOENT;
            }
            int idx = last == null ? 0 : last.index + 1;
            if (n >= FutexAbi.ROBUST_LISTS_PER_TASK || idx >= FutexAbi.ROBUST_LISTS_PER_TASK) {
                return -Errno.EINVAL;
            }
            RobustList2Entry e = new RobustList2Entry();
            if (designed) {
                initRobustList2Entry(e, head, type, idx);
                publishRobustList2Entry(cur, last, e);
            } else {
                publishRobustList2Entry(cur, last, e); // list_add_tail() first, as v2 did
                initRobustList2Entry(e, head, type, idx);
            }
            return idx;
        } finally {
            if (designed) {
                cur.futexExitMutex.rtMutexUnlock();
            }
        }
    }

    private static void initRobustList2Entry(RobustList2Entry e, long head, int type, int idx) {
        e.head = head;
        e.listType = type;
        e.index = idx;
        e.initialized = true;
    }

    private static void publishRobustList2Entry(Task cur, RobustList2Entry last, RobustList2Entry e) {
        if (last == null) {
            cur.robustList2 = e;
        } else {
            last.next = e;
        }
    }

    /**
     * get_robust_list2(pid, index, head_ptr): the head of another task's list by index, for a debugger or a
     * checkpointer (v2 had none; the model's follows the v6 proposal's, without its flags). Under the target's
     * futex_exit_mutex in the reviewed design.
     *
     * @return 0, -ESRCH, -EPERM, -ENOENT or -EFAULT
     */
    public static long sysGetRobustList2(int pid, int index, long headPtr) {
        Task p = robustListTarget(pid);
        long err = robustListAccess(p);
        if (err != 0) {
            return err;
        }
        boolean designed = !p.kernel().reverted(Fix.ROBUST_LIST2_PUBLISH);
        if (designed) {
            p.futexExitMutex.rtMutexLock();
        }
        long head = -1;
        try {
            for (RobustList2Entry e = p.robustList2; e != null; e = e.next) {
                Core.checkInitialized(e, p, "get_robust_list2");
                if (e.index == index) {
                    head = e.head;
                    break;
                }
            }
        } finally {
            if (designed) {
                p.futexExitMutex.rtMutexUnlock();
            }
        }
        if (head < 0) {
            return -Errno.ENOENT;
        }
        return Uaccess.putUser64(head, headPtr);
    }
}
