package org.futexlab.junit.internal.sched;

import java.util.concurrent.locks.LockSupport;
import org.futexlab.junit.internal.ops.Op;

/**
 * LockSupport: each thread has one permit. A park returns at once on a pending permit (using it up) or an
 * interrupt; otherwise it is blocked until an unpark, and meanwhile may time out (a timed park) or return
 * spuriously (within the run's budget), both choices of the scheduler. The location of both operations is the
 * parked thread's permit, its logical thread.
 */
public final class Parking extends Primitive {
    Parking(Run run) {
        super(run, Op.PARK, Op.UNPARK);
    }

    @Override
    int enabled(LogicalThread t) {
        if (t.kind == Op.PARK) {
            return t.permit || t.interrupted ? Op.NORMAL : run.timedOrSpurious(t);
        }
        return Op.NORMAL;
    }

    @Override
    void apply(LogicalThread t, int mode) {
        if (t.kind == Op.UNPARK) {
            LogicalThread target = (LogicalThread) t.loc;
            target.permit = true;
            run.races.release(t, target.permitKey);
        } else if (t.permit) {
            t.permit = false;
            run.races.acquire(t, t.permitKey); // the unpark that granted it happens before the return
        } else {
            run.completeWait(t, mode);
        }
    }

    @Override
    String blockedReason(LogicalThread t) {
        return "parked, and no unpark is pending";
    }

    /**
     * LockSupport.park*.
     *
     * @param nanos the timeout, or &lt; 0 for none
     */
    public void park(LogicalThread self, long nanos, int site) {
        if (nanos == 0) {
            nanos = 1; // parkNanos(0) returns at once: a timeout that is due now
        }
        long deadline = nanos < 0 ? -1 : run.clock.now() + nanos;
        run.point(self, Op.PARK, self, deadline >= 0 ? Op.CLOCK_LOC : Op.BUDGET, site, deadline);
    }

    /** LockSupport.parkUntil with an absolute wall-clock deadline in ms. */
    public void parkUntil(LogicalThread self, long epochMillis, int site) {
        long deadline = Math.max(0, (epochMillis - VirtualClock.MILLIS_BASE) * 1_000_000L);
        run.point(self, Op.PARK, self, Op.CLOCK_LOC, site, Math.max(deadline, run.clock.now()));
    }

    /** LockSupport.unpark; a thread foreign to this run is unparked for real. */
    public void unpark(LogicalThread self, Thread thread, int site) {
        LogicalThread target = run.logicalThreadOf(thread);
        if (target == null) {
            if (thread != null) {
                LockSupport.unpark(thread);
            }
            return;
        }
        run.point(self, Op.UNPARK, target, null, site, -1);
    }
}
