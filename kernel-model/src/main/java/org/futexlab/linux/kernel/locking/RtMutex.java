package org.futexlab.linux.kernel.locking;

import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Task;

/** struct rt_mutex: the sleeping PI mutex (rt_mutex_lock / rt_mutex_unlock). */
public final class RtMutex extends RtMutexBase {
    public RtMutex(Kernel kernel, String name) {
        super(kernel, name);
    }

    /** rt_mutex_lock(): might sleep; lockdep forbids it while already blocked on an rt_mutex. */
    public void rtMutexLock() {
        Preempt.mightSleep("kernel/locking/rtmutex_api.c: rt_mutex_lock");
        kernel.lockdep().acquire(this, name());
        kernel.lockdep().assertNotPiBlocked("rtmutex.c: __rt_mutex_lock");
        Task cur = Task.current();
        if (owner.compareAndSet(null, cur.asOwner)) {
            return;
        }
        waitLock.rawSpinLockIrqsave();
        if (!RtmutexCore.tryToTakeRtMutex(this, cur, null)) {
            RtMutexWaiter waiter = new RtMutexWaiter();
            org.futexlab.linux.kernel.sched.Sched.setCurrentState(Task.TASK_UNINTERRUPTIBLE);
            RtmutexCore.taskBlocksOnRtMutex(this, waiter, cur, RtmutexCore.RT_MUTEX_MIN_CHAINWALK);
            RtmutexApi.rtMutexSlowlockBlock(this, Task.TASK_UNINTERRUPTIBLE, null, waiter);
        }
        RtmutexCore.fixupRtMutexWaiters(this);
        waitLock.rawSpinUnlockIrqrestore();
    }

    /** rt_mutex_unlock(). */
    public void rtMutexUnlock() {
        Task cur = Task.current();
        kernel.lockdep().release(this);
        if (!owner.compareAndSet(cur.asOwner, null)) {
            RtmutexCore.rtMutexSlowunlock(this);
        }
    }
}
