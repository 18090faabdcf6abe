package org.futexlab.junit.internal.runtime;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import org.futexlab.junit.internal.ops.Sites;
import org.futexlab.junit.internal.sched.Locks;
import org.futexlab.junit.internal.sched.LogicalThread;

/**
 * The hooks of locks of every kind, as {@link Hooks} are for the rest: monitors ({@code synchronized},
 * {@code Object.wait/notify}) and {@code java.util.concurrent.locks}. Outside a controlled run each does exactly what
 * the original instruction or call does; inside one it is a scheduling point.
 *
 * <p>Public because rewritten classes in any package call it; not an API.
 */
public final class LockHooks {
    private LockHooks() {}

    private static LogicalThread controlled(int site) {
        return Hooks.controlled(site);
    }

    // ------------------------------------------------------------ monitors and Object.wait/notify

    /**
     * Replaces the object of a monitorenter: outside a controlled run the object itself; inside one the
     * monitor is modelled and the real monitorenter locks a token private to the logical thread, which keeps the
     * bytecode balanced and never contends.
     */
    public static Object monitorEnter(Object o, int site) {
        LogicalThread t = controlled(site);
        return t == null ? o : t.run().monitors().enter(t, o, site);
    }

    /** The counterpart of {@link #monitorEnter} for monitorexit. */
    public static Object monitorExit(Object o, int site) {
        LogicalThread t = controlled(site);
        return t == null ? o : t.run().monitors().exit(t, o, site);
    }

    /**
     * Placed at the start of a synchronized method of a class that was loaded before the agent could rewrite it
     * (retransformation cannot remove the synchronized modifier).
     */
    public static void unsupportedSynchronizedMethod(int site) {
        if (controlled(site) != null) {
            Sites.Site s = Sites.get(site);
            throw new IllegalStateException("Futex Lab cannot schedule the synchronized method " + s.className()
                    + "." + s.methodName() + ": its class was loaded before the agent was installed. Install the "
                    + "agent earlier: keep futex-junit-extension on the test class path so that its launcher "
                    + "session listener runs before test discovery, list the package in the configuration "
                    + "parameter futex.instrument, or start the JVM with -javaagent:futex-junit-extension.jar.");
        }
    }

    public static void wait(Object o, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null) {
            o.wait();
        } else {
            t.run().monitors().objectWait(t, o, -1, site);
        }
    }

    public static void wait(Object o, long millis, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null) {
            o.wait(millis);
        } else {
            if (millis < 0) {
                throw new IllegalArgumentException("timeout value is negative");
            }
            t.run().monitors().objectWait(t, o, millis == 0 ? -1 : millis * 1_000_000L, site);
        }
    }

    public static void wait(Object o, long millis, int nanos, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null) {
            o.wait(millis, nanos);
        } else {
            long total = millis * 1_000_000L + nanos;
            t.run().monitors().objectWait(t, o, total == 0 ? -1 : total, site);
        }
    }

    public static void notify(Object o, int site) {
        LogicalThread t = controlled(site);
        if (t == null) {
            o.notify();
        } else {
            t.run().monitors().objectNotify(t, o, false, site);
        }
    }

    public static void notifyAll(Object o, int site) {
        LogicalThread t = controlled(site);
        if (t == null) {
            o.notifyAll();
        } else {
            t.run().monitors().objectNotify(t, o, true, site);
        }
    }

    // ------------------------------------------------------------ java.util.concurrent.locks

    /** Only the JDK's own locks are modelled; a user's Lock built on instrumented primitives runs as is. */
    private static boolean modelled(Object lockOrCondition) {
        return lockOrCondition.getClass().getName().startsWith("java.");
    }

    public static void lock(Lock l, int site) {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(l)) {
            l.lock();
        } else {
            try {
                t.run().locks().lock(t, l, false, site);
            } catch (InterruptedException e) {
                throw new AssertionError("uninterruptible lock interrupted", e);
            }
        }
    }

    public static void lockInterruptibly(Lock l, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(l)) {
            l.lockInterruptibly();
        } else {
            t.run().locks().lock(t, l, true, site);
        }
    }

    public static boolean tryLock(Lock l, int site) {
        LogicalThread t = controlled(site);
        return t == null || !modelled(l) ? l.tryLock() : t.run().locks().tryLock(t, l, site);
    }

    public static boolean tryLock(Lock l, long time, TimeUnit unit, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        return t == null || !modelled(l) ? l.tryLock(time, unit) : t.run().locks().tryLock(t, l, unit.toNanos(time), site);
    }

    public static void unlock(Lock l, int site) {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(l)) {
            l.unlock();
        } else {
            t.run().locks().unlock(t, l, site);
        }
    }

    public static Condition newCondition(Lock l, int site) {
        Condition c = l.newCondition();
        Locks.registerCondition(c, l);
        return c;
    }

    public static Lock readLock(ReadWriteLock rw, int site) {
        Lock l = rw.readLock();
        Locks.registerLockParent(l, rw);
        return l;
    }

    public static Lock writeLock(ReadWriteLock rw, int site) {
        Lock l = rw.writeLock();
        Locks.registerLockParent(l, rw);
        return l;
    }

    public static void await(Condition c, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(c)) {
            c.await();
        } else {
            t.run().locks().await(t, c, -1, true, site);
        }
    }

    public static void awaitUninterruptibly(Condition c, int site) {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(c)) {
            c.awaitUninterruptibly();
        } else {
            try {
                t.run().locks().await(t, c, -1, false, site);
            } catch (InterruptedException e) {
                throw new AssertionError("uninterruptible await interrupted", e);
            }
        }
    }

    public static long awaitNanos(Condition c, long nanos, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(c)) {
            return c.awaitNanos(nanos);
        }
        return t.run().locks().await(t, c, Math.max(0, nanos), true, site);
    }

    public static boolean await(Condition c, long time, TimeUnit unit, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(c)) {
            return c.await(time, unit);
        }
        return t.run().locks().await(t, c, Math.max(0, unit.toNanos(time)), true, site) > 0;
    }

    public static boolean awaitUntil(Condition c, Date deadline, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(c)) {
            return c.awaitUntil(deadline);
        }
        long nanos = (deadline.getTime() - t.run().clock().currentTimeMillis(t, site)) * 1_000_000L;
        return t.run().locks().await(t, c, Math.max(0, nanos), true, site) > 0;
    }

    public static void signal(Condition c, int site) {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(c)) {
            c.signal();
        } else {
            t.run().locks().signal(t, c, false, site);
        }
    }

    public static void signalAll(Condition c, int site) {
        LogicalThread t = controlled(site);
        if (t == null || !modelled(c)) {
            c.signalAll();
        } else {
            t.run().locks().signal(t, c, true, site);
        }
    }
}
