package org.futexlab.junit.internal.explore;

import org.futexlab.junit.internal.ops.Op;

/**
 * An operation of one thread: executed (a step) or pending (a lookahead). Locations are ids, not objects:
 * entries of sleep sets and of explored choices outlive the execution that made them, while every execution
 * builds fresh objects. Ids are given in order of first appearance, which the replayed prefix reproduces,
 * so an id kept at a node names the same object in every execution that shares the path to that node.
 */
final class Access {
    final int thread;
    final int kind;
    final int loc;
    final int loc2;
    /** The thread's own id-location, for operations an interrupt ends (an INTERRUPT step writes it). */
    final int self;
    /** For a spin wait: the locations a write to which enables it; null means any write does. */
    final int[] spinLocs;
    final boolean readOnly;

    Access(int thread, int kind, int loc, int loc2, int self) {
        this(thread, kind, loc, loc2, self, null);
    }

    Access(int thread, int kind, int loc, int loc2, int self, int[] spinLocs) {
        this.thread = thread;
        this.kind = kind;
        this.loc = loc;
        this.loc2 = loc2;
        this.self = self;
        this.spinLocs = spinLocs;
        this.readOnly = Op.readOnly(kind);
    }

    /** @return whether this spin wait is enabled (or disabled) by the write b */
    boolean spinWaitsFor(Access b) {
        if (!b.writes()) {
            return false;
        }
        if (spinLocs == null) {
            return true;
        }
        for (int l : spinLocs) {
            if (l == b.loc || l == b.loc2) {
                return true;
            }
        }
        return false;
    }

    boolean writes() {
        return !readOnly && kind != Op.YIELD && kind != Op.SPIN;
    }

    /** Fixed ids: the pseudo-locations, and each thread (its permit and lifecycle) by its creation index. */
    static final int BUDGET_ID = 1, CLOCK_ID = 2, THREAD_BASE = 16, OBJECT_BASE = THREAD_BASE + Dpor.MAX_THREADS;

    /** @return whether a and b, of different threads, do not commute */
    static boolean dependent(Access a, Access b) {
        if (a.thread == b.thread) {
            return false;
        }
        if (b.kind == Op.SPIN && b.spinWaitsFor(a) || a.kind == Op.SPIN && a.spinWaitsFor(b)) {
            return true;
        }
        if (a.readOnly && b.readOnly) {
            return false;
        }
        return same(a.loc, b) || same(a.loc2, b) || same(a.self, b);
    }

    private static boolean same(int x, Access b) {
        return x != 0 && (x == b.loc || x == b.loc2 || x == b.self);
    }
}
