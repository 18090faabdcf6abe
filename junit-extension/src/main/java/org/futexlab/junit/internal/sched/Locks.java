package org.futexlab.junit.internal.sched;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.futexlab.junit.internal.ops.Op;

/**
 * java.util.concurrent.locks: the JDK's own locks and their conditions. The lock itself stays the real one: a
 * {@code lock()} is a loop of scheduling points each followed by a real {@code tryLock()}, and a thread whose attempt
 * failed is not enabled again until some thread unlocks that lock (a read-write lock's two halves count as one
 * lock). {@code await} is two steps like {@code Object.wait}: AWAIT releases every hold and joins the condition's
 * FIFO wait set; AWAIT_RETURN is enabled by a signal or an interrupt (or, as a choice, a timeout or a spurious
 * return) and re-acquires the holds through the same loop.
 */
public final class Locks extends Primitive {
    /** Lock of each Condition created in instrumented code (needed to model await); weak, identity-keyed. */
    private static final Map<Condition, Lock> CONDITION_LOCKS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Parent of each ReentrantReadWriteLock read or write lock obtained in instrumented code. */
    private static final Map<Lock, Object> LOCK_PARENTS = Collections.synchronizedMap(new WeakHashMap<>());

    private final IdentityHashMap<Object, ArrayDeque<LogicalThread>> condWaiters = new IdentityHashMap<>();

    Locks(Run run) {
        super(run, Op.LOCK, Op.TRY_LOCK, Op.UNLOCK, Op.AWAIT, Op.AWAIT_RETURN, Op.SIGNAL, Op.SIGNAL_ALL);
    }

    @Override
    int enabled(LogicalThread t) {
        switch (t.kind) {
            case Op.LOCK:
                if (t.lockBlockedOn == null || (t.interruptible && t.interrupted)) {
                    return Op.NORMAL;
                }
                return t.deadline >= 0 ? Op.TIMEOUT : Op.NONE;
            case Op.AWAIT_RETURN:
                return t.notified || (t.interruptible && t.interrupted) ? Op.NORMAL : run.timedOrSpurious(t);
            default:
                return Op.NORMAL;
        }
    }

    @Override
    void apply(LogicalThread t, int mode) {
        switch (t.kind) {
            case Op.LOCK:
                run.completeWait(t, mode);
                break;
            case Op.AWAIT:
                condWaiters.computeIfAbsent(t.loc, c -> new ArrayDeque<>()).add(t);
                t.notified = false;
                break;
            case Op.AWAIT_RETURN: {
                ArrayDeque<LogicalThread> w = condWaiters.get(t.loc);
                if (w != null) {
                    w.remove(t);
                }
                run.completeWait(t, mode);
                break;
            }
            case Op.SIGNAL:
            case Op.SIGNAL_ALL: {
                ArrayDeque<LogicalThread> w = condWaiters.get(t.loc);
                while (w != null) {
                    LogicalThread x = w.poll();
                    if (x == null) {
                        break;
                    }
                    x.notified = true;
                    if (t.kind == Op.SIGNAL) {
                        break;
                    }
                }
                break;
            }
            default:
                break;
        }
    }

    @Override
    String blockedReason(LogicalThread t) {
        if (t.kind == Op.LOCK) {
            return "waiting for " + Stuck.describe(t.loc);
        }
        return "awaiting " + Stuck.describe(t.loc) + ", never signalled";
    }

    /** Lock.lock / lockInterruptibly: a loop of acquisition attempts, blocked between a failed one and an unlock. */
    public void lock(LogicalThread self, Lock l, boolean interruptible, int site) throws InterruptedException {
        Object key = lockKey(l);
        self.interruptible = interruptible;
        try {
            for (;;) {
                run.point(self, Op.LOCK, key, null, site, -1);
                if (interruptible && self.interrupted) {
                    self.interrupted = false;
                    throw new InterruptedException();
                }
                if (l.tryLock()) {
                    run.races.acquire(self, key);
                    return;
                }
                self.lockBlockedOn = key;
            }
        } finally {
            self.lockBlockedOn = null;
            self.interruptible = false;
        }
    }

    /** Lock.tryLock(time, unit). */
    public boolean tryLock(LogicalThread self, Lock l, long nanos, int site) throws InterruptedException {
        Object key = lockKey(l);
        long deadline = run.clock.now() + Math.max(0, nanos);
        self.interruptible = true;
        try {
            for (;;) {
                run.point(self, Op.LOCK, key, Op.CLOCK_LOC, site, deadline);
                if (self.lastMode == Op.TIMEOUT) {
                    return false;
                }
                if (self.interrupted) {
                    self.interrupted = false;
                    throw new InterruptedException();
                }
                if (l.tryLock()) {
                    run.races.acquire(self, key);
                    return true;
                }
                self.lockBlockedOn = key;
            }
        } finally {
            self.lockBlockedOn = null;
            self.interruptible = false;
        }
    }

    /** Lock.tryLock(). */
    public boolean tryLock(LogicalThread self, Lock l, int site) {
        Object key = lockKey(l);
        run.point(self, Op.TRY_LOCK, key, null, site, -1);
        if (l.tryLock()) {
            run.races.acquire(self, key);
            return true;
        }
        return false;
    }

    /** Lock.unlock: never throws an abort (it sits in finally blocks). */
    public void unlock(LogicalThread self, Lock l, int site) {
        Object key = lockKey(l);
        if (!run.aborting) {
            try {
                run.point(self, Op.UNLOCK, key, null, site, -1);
            } catch (Abort a) {
                // release anyway; the thread unwinds at its next scheduling point
            }
        }
        run.races.release(self, key);
        l.unlock();
        unblock(key);
    }

    private void unblock(Object key) {
        for (int i = 0; i < run.nThreads; i++) {
            if (run.threads[i].lockBlockedOn == key) {
                run.threads[i].lockBlockedOn = null;
            }
        }
    }

    /** Records which lock a condition belongs to; called in and outside controlled runs. */
    public static void registerCondition(Condition c, Lock l) {
        if (c != null) {
            CONDITION_LOCKS.put(c, l);
        }
    }

    /** Records the read-write lock a read or write lock belongs to. */
    public static void registerLockParent(Lock child, Object parent) {
        if (child != null) {
            LOCK_PARENTS.put(child, parent);
        }
    }

    private static Object lockKey(Lock l) {
        Object parent = LOCK_PARENTS.get(l);
        return parent != null ? parent : l;
    }

    /**
     * Condition.await*.
     *
     * @param nanos the timeout, or &lt; 0 for none
     * @return the nanoseconds left, &lt;= 0 when timed out
     */
    public long await(LogicalThread self, Condition c, long nanos, boolean interruptible, int site)
            throws InterruptedException {
        Lock l = CONDITION_LOCKS.get(c);
        if (l == null) {
            throw new IllegalStateException("Futex Lab cannot model this Condition: it was created outside "
                    + "instrumented code, so its lock is unknown. Create it with lock.newCondition() in a "
                    + "package the scenario instruments (see @KernelScenario(instrument)).");
        }
        if (!heldByCurrentThread(l)) {
            throw new IllegalMonitorStateException("await without holding the condition's lock");
        }
        if (interruptible && self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        Object key = lockKey(l);
        run.point(self, Op.AWAIT, c, key, site, -1);
        int holds = holdCount(l);
        run.races.release(self, key);
        for (int i = 0; i < holds; i++) {
            l.unlock();
        }
        unblock(key);
        long deadline = nanos < 0 ? -1 : run.clock.now() + Math.max(1, nanos);
        self.interruptible = interruptible;
        run.point(self, Op.AWAIT_RETURN, c, deadline >= 0 ? Op.CLOCK_LOC : Op.BUDGET, site, deadline);
        self.interruptible = false;
        boolean timedOut = self.lastMode == Op.TIMEOUT;
        boolean interruptedWake = interruptible && !self.notified && self.interrupted;
        for (int i = 0; i < holds; i++) {
            lock(self, l, false, site);
        }
        if (interruptedWake) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        return timedOut ? 0 : (deadline < 0 ? 1 : Math.max(1, deadline - run.clock.now()));
    }

    private static boolean heldByCurrentThread(Lock l) {
        if (l instanceof ReentrantLock) {
            return ((ReentrantLock) l).isHeldByCurrentThread();
        }
        if (l instanceof ReentrantReadWriteLock.WriteLock) {
            return ((ReentrantReadWriteLock.WriteLock) l).isHeldByCurrentThread();
        }
        return true;
    }

    private static int holdCount(Lock l) {
        if (l instanceof ReentrantLock) {
            return ((ReentrantLock) l).getHoldCount();
        }
        if (l instanceof ReentrantReadWriteLock.WriteLock) {
            return ((ReentrantReadWriteLock.WriteLock) l).getHoldCount();
        }
        return 1;
    }

    /** Condition.signal / signalAll. */
    public void signal(LogicalThread self, Condition c, boolean all, int site) {
        Lock l = CONDITION_LOCKS.get(c);
        if (l != null && !heldByCurrentThread(l)) {
            throw new IllegalMonitorStateException("signal without holding the condition's lock");
        }
        run.point(self, all ? Op.SIGNAL_ALL : Op.SIGNAL, c, null, site, -1);
    }
}
