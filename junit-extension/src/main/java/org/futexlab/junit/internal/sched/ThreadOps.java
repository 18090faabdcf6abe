package org.futexlab.junit.internal.sched;

import org.futexlab.junit.ThrowingRunnable;
import org.futexlab.junit.internal.ops.Op;

/**
 * Threads as the scenario sees them: {@code Thread.start} makes the new thread a logical thread of the run,
 * {@code join} is blocked until the target ends (or, timed, may time out), {@code interrupt} sets the target's
 * modelled flag, which ends its interruptible waits, and {@code isInterrupted}, {@code interrupted} and
 * {@code isAlive} read the model. A thread foreign to the run (started outside instrumented code) is handled for
 * real.
 */
public final class ThreadOps extends Primitive {
    ThreadOps(Run run) {
        super(run, Op.START, Op.JOIN, Op.INTERRUPT, Op.INTERRUPTED, Op.IS_ALIVE, Op.BEGIN);
    }

    @Override
    int enabled(LogicalThread t) {
        if (t.kind == Op.JOIN) {
            if (((LogicalThread) t.loc).terminated() || t.interrupted) {
                return Op.NORMAL;
            }
            return t.deadline >= 0 ? Op.TIMEOUT : Op.NONE;
        }
        return Op.NORMAL;
    }

    @Override
    void apply(LogicalThread t, int mode) {
        if (t.kind == Op.JOIN) {
            run.completeWait(t, mode);
            if (((LogicalThread) t.loc).terminated()) {
                run.races.acquire(t, ((LogicalThread) t.loc).endKey); // a thread's end happens before the join
            }
        } else if (t.kind == Op.INTERRUPT) {
            LogicalThread target = (LogicalThread) t.loc;
            target.interrupted = true;
            run.races.release(t, target.interruptKey);
        } else if (t.kind == Op.IS_ALIVE && ((LogicalThread) t.loc).terminated()) {
            run.races.acquire(t, ((LogicalThread) t.loc).endKey); // seeing it ended, as a join does
        } else if (t.kind == Op.INTERRUPTED && ((LogicalThread) t.loc).interrupted) {
            run.races.acquire(t, ((LogicalThread) t.loc).interruptKey);
        }
    }

    @Override
    String blockedReason(LogicalThread t) {
        return "joining " + ((LogicalThread) t.loc).name;
    }

    /**
     * Thread.start: the new thread becomes a logical thread of this run whose first step, BEGIN, is a choice like
     * any other. None of its code runs before that step is chosen, so the parent may go on first: a plain write the
     * child makes right after it starts can come after the parent's next read.
     */
    public void start(LogicalThread self, Thread th, int site) {
        if (run.byIdentity.containsKey(th)) {
            throw new IllegalThreadStateException(th.getName() + " was already started");
        }
        run.point(self, Op.START, null, null, site, -1);
        ThrowingRunnable body = th::run;
        LogicalThread child = run.newThread(th.getName(), body, th, self.id);
        run.handoff.prepare(child);
        child.priming = false;
        child.kind = Op.BEGIN;
        child.site = site;
        child.deadline = -1;
    }

    /**
     * Thread.join.
     *
     * @param nanos the timeout, or &lt; 0 for none
     */
    public void join(LogicalThread self, Thread th, long nanos, int site) throws InterruptedException {
        LogicalThread target = run.logicalThreadOf(th);
        if (target == null) {
            if (th.isAlive()) {
                throw new IllegalStateException("cannot join " + th.getName() + ": it is not a thread of this "
                        + "scenario (was it started outside instrumented code?)");
            }
            return; // never started: join returns at once
        }
        if (self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        long deadline = nanos < 0 ? -1 : run.clock.now() + Math.max(1, nanos);
        run.point(self, Op.JOIN, target, deadline >= 0 ? Op.CLOCK_LOC : null, site, deadline);
        if (!target.terminated() && self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
    }

    /** Thread.interrupt. */
    public void interrupt(LogicalThread self, Thread th, int site) {
        LogicalThread target = run.logicalThreadOf(th);
        if (target == null) {
            th.interrupt();
            return;
        }
        run.point(self, Op.INTERRUPT, target, null, site, -1);
    }

    /** Thread.isInterrupted / Thread.interrupted (clear). */
    public boolean isInterrupted(LogicalThread self, Thread th, boolean clear, int site) {
        LogicalThread target = run.logicalThreadOf(th);
        if (target == null) {
            return clear ? Thread.interrupted() : th.isInterrupted();
        }
        run.point(self, Op.INTERRUPTED, target, null, site, -1);
        boolean r = target.interrupted;
        if (clear) {
            target.interrupted = false;
        }
        return r;
    }

    /** Thread.isAlive. */
    public boolean isAlive(LogicalThread self, Thread th, int site) {
        LogicalThread target = run.logicalThreadOf(th);
        if (target == null) {
            return th.isAlive();
        }
        run.point(self, Op.IS_ALIVE, target, null, site, -1);
        return !target.terminated();
    }

    /** Thread.currentThread in instrumented code. */
    public Thread currentThread(LogicalThread self) {
        return self.identity;
    }
}
