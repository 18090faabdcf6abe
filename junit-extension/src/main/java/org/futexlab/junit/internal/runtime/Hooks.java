package org.futexlab.junit.internal.runtime;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import org.futexlab.junit.internal.ops.Sites;
import org.futexlab.junit.internal.sched.Locks;
import org.futexlab.junit.internal.sched.LogicalThread;
import org.futexlab.junit.internal.sched.Run;

/**
 * The entry points that instrumented code calls in place of, or just before, each synchronisation operation.
 * Every method takes the call site's id last. Outside a controlled run (no logical thread on the calling JVM
 * thread) each one does exactly what the original instruction or call does; inside one it is a scheduling
 * point of {@link Run}.
 *
 * <p>Public because rewritten classes in any package call it; not an API.
 */
public final class Hooks {
    private Hooks() {}

    // ------------------------------------------------------------ memory (a scheduling point before the access)

    /** Before an atomic, field-updater or VarHandle operation, or a volatile instance field access. */
    public static void access(Object loc, int site) {
        LogicalThread t = Run.current();
        if (t != null) {
            t.run().memory().access(t, Sites.kind(site), loc, site);
        }
    }

    /**
     * Before a VarHandle access mode. Whether the first argument is a coordinate (the object or array holding
     * the variable) or already a value is known only from the VarHandle, so the location is settled here.
     */
    public static void varHandle(VarHandle vh, Object arg0, int site) {
        LogicalThread t = Run.current();
        if (t != null) {
            Object loc = arg0 == null || vh.coordinateTypes().isEmpty() ? vh : arg0;
            t.run().memory().access(t, Sites.kind(site), loc, site);
        }
    }

    /** Before a static volatile field access. */
    public static void staticAccess(int site) {
        LogicalThread t = Run.current();
        if (t != null) {
            t.run().memory().access(t, Sites.kind(site), Sites.get(site).staticLoc(), site);
        }
    }

    // ------------------------------------------------------------ LockSupport

    // The LockSupport hooks run just before the original call, which stays in the caller (see
    // SyncMethodVisitor.lockSupport): each returns the argument that call gets. In a controlled run the controlled
    // park or unpark happens here, and the argument returned makes the real call return at once.

    /** Before {@code LockSupport.park()} and {@code park(blocker)} (the blocker stays on the stack below). */
    public static void parking(int site) {
        LogicalThread t = Run.current();
        if (t != null) {
            t.run().parking().park(t, -1, site);
            LockSupport.unpark(Thread.currentThread());
        }
    }

    /** Before {@code LockSupport.parkNanos}. @return nanos, or 0 (no real wait) in a controlled run */
    public static long parkingNanos(long nanos, int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            return nanos;
        }
        if (nanos > 0) {
            t.run().parking().park(t, nanos, site);
        }
        return 0;
    }

    /** Before {@code LockSupport.parkUntil}. @return deadline, or 0 (long past) in a controlled run */
    public static long parkingUntil(long deadline, int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            return deadline;
        }
        t.run().parking().parkUntil(t, deadline, site);
        return 0;
    }

    /** Before {@code LockSupport.unpark}. @return thread, or null (a no-op unpark) in a controlled run */
    public static Thread unparking(Thread thread, int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            return thread;
        }
        t.run().parking().unpark(t, thread, site);
        return null;
    }

    // ------------------------------------------------------------ Thread

    public static void start(Thread thread, int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            thread.start();
        } else {
            t.run().threadOps().start(t, thread, site);
        }
    }

    public static void join(Thread thread, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null) {
            thread.join();
        } else {
            t.run().threadOps().join(t, thread, -1, site);
        }
    }

    public static void join(Thread thread, long millis, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null) {
            thread.join(millis);
        } else {
            if (millis < 0) {
                throw new IllegalArgumentException("timeout value is negative");
            }
            t.run().threadOps().join(t, thread, millis == 0 ? -1 : millis * 1_000_000L, site);
        }
    }

    public static void join(Thread thread, long millis, int nanos, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null) {
            thread.join(millis, nanos);
        } else {
            long total = millis * 1_000_000L + nanos;
            t.run().threadOps().join(t, thread, total == 0 ? -1 : total, site);
        }
    }

    public static boolean join(Thread thread, Duration d, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        long nanos = Math.max(0, d.toNanos());
        if (t == null) {
            thread.join(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            return !thread.isAlive();
        }
        t.run().threadOps().join(t, thread, Math.max(1, nanos), site);
        return !t.run().threadOps().isAlive(t, thread, site);
    }

    public static void threadYield(int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            Thread.yield();
        } else {
            t.run().fairness().yield(t, site);
        }
    }

    public static void sleep(long millis, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null) {
            Thread.sleep(millis);
        } else {
            if (millis < 0) {
                throw new IllegalArgumentException("timeout value is negative");
            }
            t.run().clock().sleep(t, millis * 1_000_000L, site);
        }
    }

    public static void sleep(long millis, int nanos, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null) {
            Thread.sleep(millis, nanos);
        } else {
            t.run().clock().sleep(t, millis * 1_000_000L + nanos, site);
        }
    }

    public static void sleep(Duration d, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        long nanos = Math.max(0, d.toNanos());
        if (t == null) {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } else {
            t.run().clock().sleep(t, nanos, site);
        }
    }

    public static void onSpinWait(int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            Thread.onSpinWait();
        } else {
            t.run().fairness().onSpinWait(t, site);
        }
    }

    public static Thread currentThread(int site) {
        LogicalThread t = Run.current();
        return t == null ? Thread.currentThread() : t.run().threadOps().currentThread(t);
    }

    public static void interrupt(Thread thread, int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            thread.interrupt();
        } else {
            t.run().threadOps().interrupt(t, thread, site);
        }
    }

    public static boolean isInterrupted(Thread thread, int site) {
        LogicalThread t = Run.current();
        return t == null ? thread.isInterrupted() : t.run().threadOps().isInterrupted(t, thread, false, site);
    }

    public static boolean interrupted(int site) {
        LogicalThread t = Run.current();
        return t == null ? Thread.interrupted() : t.run().threadOps().isInterrupted(t, t.identity(), true, site);
    }

    public static boolean isAlive(Thread thread, int site) {
        LogicalThread t = Run.current();
        return t == null ? thread.isAlive() : t.run().threadOps().isAlive(t, thread, site);
    }

    public static boolean holdsLock(Object o, int site) {
        LogicalThread t = Run.current();
        return t == null ? Thread.holdsLock(o) : t.run().monitors().holdsLock(t, o);
    }

    // ------------------------------------------------------------ monitors and Object.wait/notify

    /**
     * Replaces the object of a monitorenter: outside a controlled run the object itself; inside one the
     * monitor is modelled and the real monitorenter locks a token private to the logical thread, which keeps the
     * bytecode balanced and never contends.
     */
    public static Object monitorEnter(Object o, int site) {
        LogicalThread t = Run.current();
        return t == null ? o : t.run().monitors().enter(t, o, site);
    }

    /** The counterpart of {@link #monitorEnter} for monitorexit. */
    public static Object monitorExit(Object o, int site) {
        LogicalThread t = Run.current();
        return t == null ? o : t.run().monitors().exit(t, o, site);
    }

    /**
     * Placed at the start of a synchronized method of a class that was loaded before the agent could rewrite it
     * (retransformation cannot remove the synchronized modifier).
     */
    public static void unsupportedSynchronizedMethod(int site) {
        if (Run.current() != null) {
            Sites.Site s = Sites.get(site);
            throw new IllegalStateException("Futex Lab cannot schedule the synchronized method " + s.className()
                    + "." + s.methodName() + ": its class was loaded before the agent was installed. Install the "
                    + "agent earlier: keep futex-junit-extension on the test class path so that its launcher "
                    + "session listener runs before test discovery, list the package in the configuration "
                    + "parameter futex.instrument, or start the JVM with -javaagent:futex-junit-extension.jar.");
        }
    }

    public static void wait(Object o, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null) {
            o.wait();
        } else {
            t.run().monitors().objectWait(t, o, -1, site);
        }
    }

    public static void wait(Object o, long millis, int site) throws InterruptedException {
        LogicalThread t = Run.current();
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
        LogicalThread t = Run.current();
        if (t == null) {
            o.wait(millis, nanos);
        } else {
            long total = millis * 1_000_000L + nanos;
            t.run().monitors().objectWait(t, o, total == 0 ? -1 : total, site);
        }
    }

    public static void notify(Object o, int site) {
        LogicalThread t = Run.current();
        if (t == null) {
            o.notify();
        } else {
            t.run().monitors().objectNotify(t, o, false, site);
        }
    }

    public static void notifyAll(Object o, int site) {
        LogicalThread t = Run.current();
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
        LogicalThread t = Run.current();
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
        LogicalThread t = Run.current();
        if (t == null || !modelled(l)) {
            l.lockInterruptibly();
        } else {
            t.run().locks().lock(t, l, true, site);
        }
    }

    public static boolean tryLock(Lock l, int site) {
        LogicalThread t = Run.current();
        return t == null || !modelled(l) ? l.tryLock() : t.run().locks().tryLock(t, l, site);
    }

    public static boolean tryLock(Lock l, long time, TimeUnit unit, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        return t == null || !modelled(l) ? l.tryLock(time, unit) : t.run().locks().tryLock(t, l, unit.toNanos(time), site);
    }

    public static void unlock(Lock l, int site) {
        LogicalThread t = Run.current();
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
        LogicalThread t = Run.current();
        if (t == null || !modelled(c)) {
            c.await();
        } else {
            t.run().locks().await(t, c, -1, true, site);
        }
    }

    public static void awaitUninterruptibly(Condition c, int site) {
        LogicalThread t = Run.current();
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
        LogicalThread t = Run.current();
        if (t == null || !modelled(c)) {
            return c.awaitNanos(nanos);
        }
        return t.run().locks().await(t, c, Math.max(0, nanos), true, site);
    }

    public static boolean await(Condition c, long time, TimeUnit unit, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null || !modelled(c)) {
            return c.await(time, unit);
        }
        return t.run().locks().await(t, c, Math.max(0, unit.toNanos(time)), true, site) > 0;
    }

    public static boolean awaitUntil(Condition c, Date deadline, int site) throws InterruptedException {
        LogicalThread t = Run.current();
        if (t == null || !modelled(c)) {
            return c.awaitUntil(deadline);
        }
        long nanos = (deadline.getTime() - t.run().clock().currentTimeMillis(t, site)) * 1_000_000L;
        return t.run().locks().await(t, c, Math.max(0, nanos), true, site) > 0;
    }

    public static void signal(Condition c, int site) {
        LogicalThread t = Run.current();
        if (t == null || !modelled(c)) {
            c.signal();
        } else {
            t.run().locks().signal(t, c, false, site);
        }
    }

    public static void signalAll(Condition c, int site) {
        LogicalThread t = Run.current();
        if (t == null || !modelled(c)) {
            c.signalAll();
        } else {
            t.run().locks().signal(t, c, true, site);
        }
    }

    // ------------------------------------------------------------ time

    public static long nanoTime(int site) {
        LogicalThread t = Run.current();
        return t == null ? System.nanoTime() : t.run().clock().nanoTime(t, site);
    }

    public static long currentTimeMillis(int site) {
        LogicalThread t = Run.current();
        return t == null ? System.currentTimeMillis() : t.run().clock().currentTimeMillis(t, site);
    }
}
