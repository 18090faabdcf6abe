package org.futexlab.junit.internal.sched;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import org.futexlab.junit.internal.ops.Op;

/**
 * Monitors ({@code synchronized}) and {@code Object.wait/notify/notifyAll}. A monitor has an owner, a recursion
 * count and a FIFO wait set. {@code wait} is two steps: WAIT releases the monitor and joins the wait set; WAIT_RETURN
 * is enabled once the thread was notified or interrupted (or, as a choice, timed out or spuriously woken) and the
 * monitor is free, and re-acquires it with the saved count. The real monitorenter in the rewritten code locks a
 * token private to the logical thread, so it never contends: the modelled monitor is the only one that counts.
 */
public final class Monitors extends Primitive {
    /** A monitor in the model: owner, recursion count and wait set (FIFO). */
    private static final class Monitor {
        LogicalThread owner;
        int count;
        final ArrayDeque<LogicalThread> waiters = new ArrayDeque<>();
    }

    private final IdentityHashMap<Object, Monitor> monitors = new IdentityHashMap<>();

    Monitors(Run run) {
        super(run, Op.MONITOR_ENTER, Op.MONITOR_EXIT, Op.WAIT, Op.WAIT_RETURN, Op.NOTIFY, Op.NOTIFY_ALL);
    }

    @Override
    int enabled(LogicalThread t) {
        switch (t.kind) {
            case Op.MONITOR_ENTER: {
                Monitor m = monitors.get(t.loc);
                return m == null || m.owner == null || m.owner == t ? Op.NORMAL : Op.NONE;
            }
            case Op.WAIT_RETURN: {
                Monitor m = monitors.get(t.loc);
                if (m != null && m.owner != null) {
                    return Op.NONE;
                }
                return t.notified || t.interrupted ? Op.NORMAL : run.timedOrSpurious(t);
            }
            default:
                return Op.NORMAL;
        }
    }

    @Override
    void apply(LogicalThread t, int mode) {
        Monitor m = monitor(t.loc);
        switch (t.kind) {
            case Op.MONITOR_ENTER:
                m.owner = t;
                m.count++;
                run.races.acquire(t, t.loc);
                break;
            case Op.MONITOR_EXIT:
                if (--m.count == 0) {
                    m.owner = null;
                }
                run.races.release(t, t.loc);
                break;
            case Op.WAIT:
                run.races.release(t, t.loc);
                t.savedMonitorCount = m.count;
                m.count = 0;
                m.owner = null;
                t.notified = false;
                m.waiters.add(t);
                break;
            case Op.WAIT_RETURN:
                m.waiters.remove(t);
                run.completeWait(t, mode);
                m.owner = t;
                m.count = t.savedMonitorCount;
                run.races.acquire(t, t.loc);
                break;
            default: // NOTIFY, NOTIFY_ALL
                do {
                    LogicalThread x = m.waiters.poll();
                    if (x == null) {
                        break;
                    }
                    x.notified = true;
                } while (t.kind == Op.NOTIFY_ALL);
                break;
        }
    }

    @Override
    String blockedReason(LogicalThread t) {
        Monitor m = monitors.get(t.loc);
        if (t.kind == Op.MONITOR_ENTER) {
            return "waiting for the monitor of " + Stuck.describe(t.loc)
                    + (m != null && m.owner != null ? ", held by " + m.owner.name : "");
        }
        if (m != null && m.owner != null) {
            return "notified, waiting to re-acquire " + Stuck.describe(t.loc) + ", held by " + m.owner.name;
        }
        return "in Object.wait() on " + Stuck.describe(t.loc) + ", never notified";
    }

    private Monitor monitor(Object o) {
        Monitor m = monitors.get(o);
        if (m == null) {
            m = new Monitor();
            monitors.put(o, m);
        }
        return m;
    }

    /** @return the object the rewritten monitorenter locks (a per-thread token: the monitor is modelled) */
    public Object enter(LogicalThread self, Object o, int site) {
        if (o == null) {
            throw new NullPointerException("Cannot enter synchronized block because the lock is null");
        }
        run.point(self, Op.MONITOR_ENTER, o, null, site, -1);
        return self.monitorToken;
    }

    /** Never throws an abort: javac's handlers of synchronized blocks cover the exit itself. */
    public Object exit(LogicalThread self, Object o, int site) {
        Monitor m = monitors.get(o);
        if (m == null || m.owner != self) {
            if (run.aborting) {
                return self.monitorToken;
            }
            throw new IllegalMonitorStateException("current thread is not owner");
        }
        if (!run.aborting) {
            try {
                run.point(self, Op.MONITOR_EXIT, o, null, site, -1);
                return self.monitorToken;
            } catch (Abort a) {
                // fall through to the silent release below
            }
        }
        if (--m.count == 0) {
            m.owner = null;
        }
        return self.monitorToken;
    }

    /** @return whether self holds the modelled monitor of o */
    public boolean holdsLock(LogicalThread self, Object o) {
        Monitor m = monitors.get(o);
        return m != null && m.owner == self;
    }

    /**
     * Object.wait.
     *
     * @param nanos the timeout, or &lt; 0 for none
     */
    public void objectWait(LogicalThread self, Object o, long nanos, int site) throws InterruptedException {
        Monitor m = monitors.get(o);
        if (m == null || m.owner != self) {
            throw new IllegalMonitorStateException("current thread is not owner");
        }
        if (self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        run.point(self, Op.WAIT, o, null, site, -1);
        long deadline = nanos < 0 ? -1 : run.clock.now() + Math.max(1, nanos);
        run.point(self, Op.WAIT_RETURN, o, deadline >= 0 ? Op.CLOCK_LOC : Op.BUDGET, site, deadline);
        if (!self.notified && self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
    }

    /** Object.notify / notifyAll. */
    public void objectNotify(LogicalThread self, Object o, boolean all, int site) {
        Monitor m = monitors.get(o);
        if (m == null || m.owner != self) {
            throw new IllegalMonitorStateException("current thread is not owner");
        }
        run.point(self, all ? Op.NOTIFY_ALL : Op.NOTIFY, o, null, site, -1);
    }
}
