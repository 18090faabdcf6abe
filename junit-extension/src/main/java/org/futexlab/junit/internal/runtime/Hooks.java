package org.futexlab.junit.internal.runtime;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.futexlab.junit.internal.ops.Sites;
import org.futexlab.junit.internal.sched.LogicalThread;
import org.futexlab.junit.internal.sched.Run;
import org.futexlab.junit.internal.sched.StaticState;

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

    /**
     * @return the logical thread of the calling JVM thread when site is a scheduling point of its run (the run's own
     *     scope covers it, and no class initializer is running), else null: the call then does what the original
     *     instruction does
     */
    static LogicalThread controlled(int site) {
        LogicalThread t = Run.current();
        return t != null && t.run().active(t, site) ? t : null;
    }

    // ------------------------------------------------------------ memory (a scheduling point before the access)

    /** Before an atomic, field-updater or VarHandle operation, or a volatile instance field access. */
    public static void access(Object loc, int site) {
        LogicalThread t = controlled(site);
        if (t != null) {
            t.run().memory().access(t, Sites.kind(site), loc, site);
        }
    }

    /**
     * Before a VarHandle access mode. Whether the first argument is a coordinate (the object or array holding
     * the variable) or already a value is known only from the VarHandle, so the location is settled here.
     */
    public static void varHandle(VarHandle vh, Object arg0, int site) {
        LogicalThread t = controlled(site);
        if (t != null) {
            Object loc = arg0 == null || vh.coordinateTypes().isEmpty() ? vh : arg0;
            t.run().memory().access(t, Sites.kind(site), loc, site);
        }
    }

    /** Before a static volatile field access. */
    public static void staticAccess(int site) {
        LogicalThread t = controlled(site);
        if (t != null) {
            t.run().memory().access(t, Sites.kind(site), Sites.get(site).staticLoc(), site);
        }
    }

    /** After a boolean compare-and-set of an atomic or a VarHandle, with its result. */
    public static void casResult(boolean succeeded) {
        if (!succeeded) {
            LogicalThread t = Run.current();
            if (t != null) {
                t.run().fairness().casFailed(t);
            }
        }
    }

    // ------------------------------------------------------------ plain accesses (for the race detector only)

    /** Before a plain read of a field of holder. */
    public static void read(Object holder, int site) {
        LogicalThread t = Run.current();
        if (t != null && holder != null) {
            t.run().races().field(t, holder, site, false);
        }
    }

    /** Before a plain write of a field of holder. */
    public static void write(Object holder, int site) {
        LogicalThread t = Run.current();
        if (t != null && holder != null) {
            t.run().races().field(t, holder, site, true);
        }
    }

    /** Before a plain read of a static field. */
    public static void staticRead(int site) {
        LogicalThread t = Run.current();
        if (t != null) {
            t.run().races().field(t, Sites.get(site).staticLoc(), site, false);
        }
    }

    /** Before a plain write of a static field. */
    public static void staticWrite(int site) {
        LogicalThread t = Run.current();
        if (t != null) {
            t.run().races().field(t, Sites.get(site).staticLoc(), site, true);
        }
    }

    /** Before an array element load. */
    public static void arrayRead(Object array, int index, int site) {
        LogicalThread t = Run.current();
        if (t != null && array != null) {
            t.run().races().element(t, array, index, site, false);
        }
    }

    /** Before an array element store. */
    public static void arrayWrite(Object array, int index, int site) {
        LogicalThread t = Run.current();
        if (t != null && array != null) {
            t.run().races().element(t, array, index, site, true);
        }
    }

    // ------------------------------------------------------------ class initialization

    /** At the start of a class initializer: nothing it runs is a scheduling point. */
    public static void classInitStart() {
        LogicalThread t = Run.current();
        if (t != null) {
            t.run().classInitStart(t);
        }
    }

    /**
     * At the normal end of an instrumented class's initializer, in or outside a run: the values its static fields
     * have now are the ones {@code futex.statics=reset} restores.
     */
    public static void classInitialized(Class<?> c) {
        StaticState.initialized(c);
    }

    /** At each end of a class initializer, normal or by an exception. */
    public static void classInitEnd() {
        LogicalThread t = Run.current();
        if (t != null) {
            t.run().classInitEnd(t);
        }
    }

    // ------------------------------------------------------------ LockSupport

    // The LockSupport hooks run just before the original call, which stays in the caller (see
    // SyncMethodVisitor.lockSupport): each returns the argument that call gets. In a controlled run the controlled
    // park or unpark happens here, and the argument returned makes the real call return at once.

    /** Before {@code LockSupport.park()} and {@code park(blocker)} (the blocker stays on the stack below). */
    public static void parking(int site) {
        LogicalThread t = controlled(site);
        if (t != null) {
            t.run().parking().park(t, -1, site);
            LockSupport.unpark(Thread.currentThread());
        }
    }

    /** Before {@code LockSupport.parkNanos}. @return nanos, or 0 (no real wait) in a controlled run */
    public static long parkingNanos(long nanos, int site) {
        LogicalThread t = controlled(site);
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
        LogicalThread t = controlled(site);
        if (t == null) {
            return deadline;
        }
        t.run().parking().parkUntil(t, deadline, site);
        return 0;
    }

    /** Before {@code LockSupport.unpark}. @return thread, or null (a no-op unpark) in a controlled run */
    public static Thread unparking(Thread thread, int site) {
        LogicalThread t = controlled(site);
        if (t == null) {
            return thread;
        }
        t.run().parking().unpark(t, thread, site);
        return null;
    }

    // ------------------------------------------------------------ Thread

    public static void start(Thread thread, int site) {
        LogicalThread t = controlled(site);
        if (t == null) {
            thread.start();
        } else {
            t.run().threadOps().start(t, thread, site);
        }
    }

    public static void join(Thread thread, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        if (t == null) {
            thread.join();
        } else {
            t.run().threadOps().join(t, thread, -1, site);
        }
    }

    public static void join(Thread thread, long millis, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
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
        LogicalThread t = controlled(site);
        if (t == null) {
            thread.join(millis, nanos);
        } else {
            long total = millis * 1_000_000L + nanos;
            t.run().threadOps().join(t, thread, total == 0 ? -1 : total, site);
        }
    }

    public static boolean join(Thread thread, Duration d, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        long nanos = Math.max(0, d.toNanos());
        if (t == null) {
            thread.join(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            return !thread.isAlive();
        }
        t.run().threadOps().join(t, thread, Math.max(1, nanos), site);
        return !t.run().threadOps().isAlive(t, thread, site);
    }

    public static void threadYield(int site) {
        LogicalThread t = controlled(site);
        if (t == null) {
            Thread.yield();
        } else {
            t.run().fairness().yield(t, site);
        }
    }

    public static void sleep(long millis, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
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
        LogicalThread t = controlled(site);
        if (t == null) {
            Thread.sleep(millis, nanos);
        } else {
            t.run().clock().sleep(t, millis * 1_000_000L + nanos, site);
        }
    }

    public static void sleep(Duration d, int site) throws InterruptedException {
        LogicalThread t = controlled(site);
        long nanos = Math.max(0, d.toNanos());
        if (t == null) {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } else {
            t.run().clock().sleep(t, nanos, site);
        }
    }

    public static void onSpinWait(int site) {
        LogicalThread t = controlled(site);
        if (t == null) {
            Thread.onSpinWait();
        } else {
            t.run().fairness().onSpinWait(t, site);
        }
    }

    public static Thread currentThread(int site) {
        LogicalThread t = controlled(site);
        return t == null ? Thread.currentThread() : t.run().threadOps().currentThread(t);
    }

    public static void interrupt(Thread thread, int site) {
        LogicalThread t = controlled(site);
        if (t == null) {
            thread.interrupt();
        } else {
            t.run().threadOps().interrupt(t, thread, site);
        }
    }

    public static boolean isInterrupted(Thread thread, int site) {
        LogicalThread t = controlled(site);
        return t == null ? thread.isInterrupted() : t.run().threadOps().isInterrupted(t, thread, false, site);
    }

    public static boolean interrupted(int site) {
        LogicalThread t = controlled(site);
        return t == null ? Thread.interrupted() : t.run().threadOps().isInterrupted(t, t.identity(), true, site);
    }

    public static boolean isAlive(Thread thread, int site) {
        LogicalThread t = controlled(site);
        return t == null ? thread.isAlive() : t.run().threadOps().isAlive(t, thread, site);
    }

    public static boolean holdsLock(Object o, int site) {
        LogicalThread t = controlled(site);
        return t == null ? Thread.holdsLock(o) : t.run().monitors().holdsLock(t, o);
    }

    // ------------------------------------------------------------ time

    public static long nanoTime(int site) {
        LogicalThread t = controlled(site);
        return t == null ? System.nanoTime() : t.run().clock().nanoTime(t, site);
    }

    public static long currentTimeMillis(int site) {
        LogicalThread t = controlled(site);
        return t == null ? System.currentTimeMillis() : t.run().clock().currentTimeMillis(t, site);
    }
}
