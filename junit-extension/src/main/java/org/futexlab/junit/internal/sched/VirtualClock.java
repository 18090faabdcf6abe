package org.futexlab.junit.internal.sched;

import org.futexlab.junit.internal.ops.Op;

/**
 * Virtual time. The clock starts at 0 and moves only when a timed wait times out, to that wait's deadline, so
 * timestamps are the same on every run of a schedule. A timed wait may time out once its deadline has passed, or
 * when it is the earliest deadline pending (the clock then jumps to it); a later deadline cannot fire first. Under
 * {@code futex.timeouts=whenStuck} a deadline not yet reached fires only when no other thread can move, so a
 * safety-net timeout in a test never fires while the code under test could still make progress.
 * {@code Thread.sleep} is a timed wait that only an interrupt ends early; {@code System.nanoTime} and
 * {@code currentTimeMillis} read the clock from fixed bases.
 */
public final class VirtualClock extends Primitive {
    /** Fixed bases of the virtual clock, so that timestamps in reports are the same on every run. */
    public static final long NANO_BASE = 1_000_000_000L;
    public static final long MILLIS_BASE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private long clock;

    VirtualClock(Run run) {
        super(run, Op.SLEEP, Op.CLOCK);
    }

    @Override
    int enabled(LogicalThread t) {
        if (t.kind == Op.SLEEP) {
            return t.interrupted ? Op.NORMAL : Op.TIMEOUT;
        }
        return Op.NORMAL;
    }

    @Override
    void apply(LogicalThread t, int mode) {
        if (t.kind == Op.SLEEP) {
            run.completeWait(t, mode);
        }
    }

    /** @return the virtual time in ns since the run began */
    long now() {
        return clock;
    }

    void advanceTo(long deadline) {
        if (deadline > clock) {
            clock = deadline;
        }
    }

    /**
     * Drops the timeouts that are not due from the run's candidates: a timeout is due once the clock has reached its
     * deadline, or when its deadline is the earliest pending.
     *
     * @param n candidates
     * @return the candidates kept (in order, in the same arrays)
     */
    int keepDueTimeouts(int n) {
        int[] cand = run.cand;
        int[] mode = run.candMode;
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (mode[i] == Op.TIMEOUT) {
                earliest = Math.min(earliest, run.threads[cand[i]].deadline);
            }
        }
        if (earliest == Long.MAX_VALUE) {
            return n;
        }
        long due = Math.max(clock, earliest);
        if (run.cfg.timeoutsWhenStuck() && othersCanMove(n)) {
            due = clock; // futex.timeouts=whenStuck: a deadline not yet reached waits while anyone can move
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (mode[i] != Op.TIMEOUT || run.threads[cand[i]].deadline <= due) {
                cand[kept] = cand[i];
                mode[kept] = mode[i];
                kept++;
            }
        }
        return kept;
    }

    /** @return whether a candidate other than a timeout or a spurious return can move */
    private boolean othersCanMove(int n) {
        for (int i = 0; i < n; i++) {
            if (run.candMode[i] != Op.TIMEOUT && run.candMode[i] != Op.SPURIOUS) {
                return true;
            }
        }
        return false;
    }

    /** Thread.sleep. */
    public void sleep(LogicalThread self, long nanos, int site) throws InterruptedException {
        if (self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException("sleep interrupted");
        }
        run.point(self, Op.SLEEP, null, Op.CLOCK_LOC, site, clock + Math.max(0, nanos));
        if (self.lastMode == Op.NORMAL) {
            self.interrupted = false;
            throw new InterruptedException("sleep interrupted");
        }
    }

    /** System.nanoTime: the virtual clock. */
    public long nanoTime(LogicalThread self, int site) {
        run.point(self, Op.CLOCK, Op.CLOCK_LOC, null, site, -1);
        return NANO_BASE + clock;
    }

    /** System.currentTimeMillis: the virtual clock. */
    public long currentTimeMillis(LogicalThread self, int site) {
        run.point(self, Op.CLOCK, Op.CLOCK_LOC, null, site, -1);
        return MILLIS_BASE + clock / 1_000_000L;
    }
}
