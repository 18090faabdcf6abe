package org.futexlab.junit.internal.sched;

import org.futexlab.junit.internal.ops.Op;

/**
 * Atomics, field updaters, VarHandle access modes and volatile fields. Each access is a scheduling point just
 * before it happens and is always enabled; the access itself is the real one the instrumented code makes once its
 * thread has the turn, so the model needs no state of its own. What a step read or wrote matters to the search
 * (the location is the access's identity) and to spin waits ({@link Fairness}).
 */
public final class Memory extends Primitive {
    Memory(Run run) {
        super(run, Op.READ, Op.WRITE, Op.RMW);
    }

    @Override
    int enabled(LogicalThread t) {
        return Op.NORMAL;
    }

    /** A volatile or atomic read acquires what every earlier write of the variable released (JLS 17.4.4). */
    @Override
    void apply(LogicalThread t, int mode) {
        if (t.kind != Op.WRITE) {
            run.races.acquire(t, t.loc);
        }
        if (t.kind != Op.READ) {
            run.races.release(t, t.loc);
        }
    }

    /**
     * Before an access of kind {@link Op#READ}, {@link Op#WRITE} or {@link Op#RMW} to loc.
     *
     * @param site the instrumented call site
     */
    public void access(LogicalThread self, int kind, Object loc, int site) {
        run.point(self, kind, loc, null, site, -1);
    }
}
