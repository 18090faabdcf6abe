package org.futexlab.junit.internal.sched;

import org.futexlab.junit.internal.ops.Op;

/**
 * The model of one family of JDK synchronisation operations in a run (one file per family, as loom keeps one per
 * primitive): for a thread whose pending operation is of one of its kinds, whether that step can be taken now and
 * in which mode, and the step's effect on the model. The run's core asks the primitive that owns the pending
 * operation's kind and never looks inside; a primitive's public methods are what the hooks of instrumented code
 * call.
 */
abstract class Primitive {
    final Run run;

    /** Registers this primitive as the owner of kinds in run. */
    Primitive(Run run, int... kinds) {
        this.run = run;
        for (int k : kinds) {
            run.own(k, this);
        }
    }

    /**
     * @param t a live thread whose pending operation is of one of this primitive's kinds
     * @return the mode in which that step can complete now ({@link Op#NORMAL}, {@link Op#SPURIOUS},
     *     {@link Op#TIMEOUT}), or {@link Op#NONE} when it cannot
     */
    abstract int enabled(LogicalThread t);

    /**
     * Applies the step t takes in mode to the model. Called by the thread that decided, before it hands the turn
     * over, so the step's effect is in place when t resumes.
     */
    void apply(LogicalThread t, int mode) {}

    /** @return why t cannot take its pending step, for a deadlock report */
    String blockedReason(LogicalThread t) {
        return Op.name(t.kind);
    }
}
