package org.futexlab.junit.internal.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import org.futexlab.junit.internal.sched.Chooser;
import org.futexlab.junit.internal.sched.LogicalThread;
import org.futexlab.junit.internal.ops.Op;
import org.futexlab.junit.internal.sched.Decision;

/**
 * EXHAUSTIVE: stateless depth-first search over schedules with dynamic partial-order reduction, bounded by
 * preemptions.
 *
 * <ul>
 *   <li>Race-driven backtracking (Flanagan and Godefroid, POPL 2005) on lookaheads: when a thread's next
 *       operation is dependent with an earlier step of another thread that does not happen before it (vector
 *       clocks over program order, dependence and thread creation), the search will also try running that
 *       thread at the earlier point.</li>
 *   <li>Without a bound, sleep sets (Godefroid 1996): a thread already explored at a node is not explored again
 *       after an independent step; an execution whose every runnable thread is asleep is abandoned (pruned).
 *       Not for programs that spin: the search starts again without sleep sets at the first onSpinWait.</li>
 *   <li>Spin waits wait for a write to what their loop iteration read; one released only because nobody else
 *       could move depends on the last step of every other thread.</li>
 *   <li>With a preemption bound, bounded POR (Coons, Musuvathi, McKinley, OOPSLA 2013): a backtracking point the
 *       bound forbids is compensated by a <em>conservative</em> point at the previous context switch. Sleep sets
 *       are off: a thread asleep since a node stands for executions that start with its step there, and the
 *       bound may forbid exactly those (moving the step to the front adds a preemption), so pruning on it loses
 *       schedules within the bound. DporSoundnessTest shows both the loss and its absence.</li>
 * </ul>
 *
 * <p>The node stack (one node per step of the current path) persists across executions; each execution
 * replays the prefix up to the deepest node with unexplored alternatives and takes one of them.
 */
final class Dpor {
    static final int MAX_THREADS = 64;

    private final int bound;
    private boolean sleepSets;
    private boolean sawSpin;
    private int restarts;
    private final List<Node> nodes = new ArrayList<>();
    private boolean started;
    private int divergence = -1;
    private int branchThread = -1;
    private boolean branchConservative;

    Dpor(int bound) {
        this.bound = bound;
        this.sleepSets = bound < 0;
    }

    /** One decision point: the candidates there, what was explored, and what remains to explore. */
    private static final class Node {
        long enabled;
        int current;
        boolean currentFree;
        int preemptionsBefore;
        int chosen;
        long backtrack;
        long conservative;
        long done;
        long sleepMask;
        final Access[] sleep = new Access[MAX_THREADS];
        long takenMask;
        final Access[] taken = new Access[MAX_THREADS];
    }

    /**
     * An operation of one thread: executed (a step) or pending (a lookahead). Locations are ids, not objects:
     * entries of sleep sets and of explored choices outlive the execution that made them, while every execution
     * builds fresh objects. Ids are given in order of first appearance, which the replayed prefix reproduces,
     * so an id kept at a node names the same object in every execution that shares the path to that node.
     */
    static final class Access {
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
    }

    /** Fixed ids: the pseudo-locations, and each thread (its permit and lifecycle) by its creation index. */
    private static final int BUDGET_ID = 1, CLOCK_ID = 2, THREAD_BASE = 16, OBJECT_BASE = THREAD_BASE + MAX_THREADS;

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

    private static long bit(int t) {
        return 1L << t;
    }

    private boolean inBound(Node nd, int u) {
        return bound < 0 || u == nd.current || nd.currentFree || nd.preemptionsBefore < bound;
    }

    private long inBoundMask(Node nd) {
        if (bound < 0 || nd.currentFree || nd.preemptionsBefore < bound) {
            return -1L;
        }
        return nd.current >= 0 ? bit(nd.current) : -1L;
    }

    /** @return a chooser for the next execution, or null when every alternative within the bound was explored */
    Execution next() {
        if (sleepSets && sawSpin) {
            // Whether a spin wait may run depends on whether anyone else can move (Thread.onSpinWait() goes on
            // when nobody can), an enabling that no dependency between two steps captures, and sleep sets then
            // prune schedules that nothing else covers (DporSoundnessTest finds them). Start again without.
            sleepSets = false;
            nodes.clear();
            started = false;
            divergence = -1;
            restarts++;
        }
        if (!started) {
            started = true;
            return new Execution();
        }
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node nd = nodes.get(k);
            long pending = nd.backtrack & ~nd.done & inBoundMask(nd);
            if (pending != 0) {
                int u = Long.numberOfTrailingZeros(pending);
                nodes.subList(k + 1, nodes.size()).clear();
                divergence = k;
                branchThread = u;
                branchConservative = (nd.conservative & bit(u)) != 0;
                return new Execution();
            }
        }
        return null;
    }

    /** @return how often the search started again (without sleep sets, on meeting a spin wait) */
    int restarts() {
        return restarts;
    }

    private void addBacktrack(int i, int u) {
        add(nodes.get(i), u, false);
        if (bound >= 0 && i > 0) {
            int j = i - 1;
            while (j > 0 && nodes.get(j).chosen == nodes.get(j - 1).chosen) {
                j--;
            }
            add(nodes.get(j), u, true);
        }
    }

    private void add(Node nd, int u, boolean conservative) {
        // u itself when it can run here; otherwise every thread that can. That includes u asleep: the race may
        // need another thread's steps first (an "initial" in the sense of source-DPOR, Abdulla et al., POPL
        // 2014), and the executions that start with u's own step are covered already. DporSoundnessTest found
        // the schedules lost by skipping it.
        if ((nd.enabled & bit(u)) != 0 && inBound(nd, u) && (conservative || (nd.sleepMask & bit(u)) == 0)) {
            nd.backtrack |= bit(u);
            if (conservative) {
                nd.conservative |= bit(u);
            }
        } else {
            long all = nd.enabled & inBoundMask(nd);
            if (!conservative) {
                all &= ~nd.sleepMask;
            }
            nd.backtrack |= all;
            if (conservative) {
                nd.conservative |= all;
            }
        }
    }

    /** Accesses of one location during an execution, for race detection and vector clocks. */
    private static final class LocHist {
        final int[] writeClock = new int[MAX_THREADS];
        final int[] readClock = new int[MAX_THREADS];
        final int[] lastWrite = filled();
        final int[] lastAny = filled();

        private static int[] filled() {
            int[] a = new int[MAX_THREADS];
            Arrays.fill(a, -1);
            return a;
        }
    }

    /** The chooser of one execution. */
    final class Execution implements Chooser {
        private final int[][] clock = new int[MAX_THREADS][];
        private final int[] seq = new int[MAX_THREADS];
        private final HashMap<Integer, LocHist> hist = new HashMap<>();
        private final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();
        private final int[] globalWriteClock = new int[MAX_THREADS];
        private final int[] lastWriteStepBy = filledSteps();
        private final Access[] la = new Access[MAX_THREADS];
        private final int[] lastStep = filledSteps();
        private int[] stepThread = new int[256];
        private int[] stepSeq = new int[256];
        private long sleepMask;
        private final Access[] sleep = new Access[MAX_THREADS];
        private boolean chosenConservative;

        private int id(Object o) {
            if (o == null) {
                return 0;
            }
            if (o == Op.BUDGET) {
                return BUDGET_ID;
            }
            if (o == Op.CLOCK_LOC) {
                return CLOCK_ID;
            }
            if (o instanceof LogicalThread) {
                return THREAD_BASE + ((LogicalThread) o).id;
            }
            Integer id = ids.get(o);
            if (id == null) {
                id = OBJECT_BASE + ids.size();
                ids.put(o, id);
            }
            return id;
        }

        private Access lookahead(LogicalThread t) {
            return new Access(t.id, t.kind(), id(t.loc()), id(t.loc2()), t.interruptiblePending() ? id(t) : 0,
                    spinLocs(t));
        }

        private Access executed(LogicalThread t, int mode) {
            Object loc2 = t.loc2();
            if (mode == Op.NORMAL && (loc2 == Op.BUDGET || loc2 == Op.CLOCK_LOC)) {
                loc2 = null; // completed normally: neither the spurious budget nor the clock was touched
            }
            return new Access(t.id, t.kind(), id(t.loc()), id(loc2), 0, spinLocs(t));
        }

        private int[] spinLocs(LogicalThread t) {
            Object[] on = t.kind() == Op.SPIN ? t.spinOn() : null;
            if (on == null) {
                return null;
            }
            int[] ids = new int[on.length];
            for (int i = 0; i < on.length; i++) {
                ids[i] = id(on[i]);
            }
            return ids;
        }

        private int[] filledSteps() {
            int[] a = new int[MAX_THREADS];
            Arrays.fill(a, -1);
            return a;
        }

        @Override
        public void onThreadCreated(Decision run, LogicalThread t) {
            if (t.id >= MAX_THREADS) {
                throw new IllegalStateException("EXHAUSTIVE explores at most " + MAX_THREADS + " threads");
            }
            int creator = t.creatorId();
            clock[t.id] = creator >= 0 ? clock[creator].clone() : new int[MAX_THREADS];
        }

        @Override
        public int choose(Decision run, int n) {
            int s = run.steps();
            for (int i = 0; i < run.threadCount(); i++) {
                LogicalThread t = run.thread(i);
                if (!t.isTerminated() && la[i] == null) {
                    la[i] = lookahead(t);
                    racesOfNewLookahead(run, i);
                }
            }
            int[] c = run.candidates();
            long mask = 0;
            for (int i = 0; i < n; i++) {
                mask |= bit(c[i]);
            }
            if (s < nodes.size()) {
                Node nd = nodes.get(s);
                if (mask != nd.enabled) {
                    return n; // out of range: the run reports a nondeterministic scenario
                }
                int want = nd.chosen;
                if (s == divergence) {
                    want = branchThread;
                    nd.chosen = want;
                    nd.done |= bit(want);
                    chosenConservative = branchConservative;
                    sleepMask = nd.sleepMask | nd.takenMask;
                    for (int u = 0; u < MAX_THREADS; u++) {
                        sleep[u] = (nd.takenMask & bit(u)) != 0 ? nd.taken[u] : nd.sleep[u];
                    }
                }
                return indexOf(c, n, want);
            }
            Node nd = new Node();
            nd.enabled = mask;
            nd.current = run.currentThread();
            nd.currentFree = run.currentFree();
            nd.preemptionsBefore = run.preemptions();
            nd.sleepMask = sleepMask;
            System.arraycopy(sleep, 0, nd.sleep, 0, MAX_THREADS);
            nodes.add(nd);
            int idx = defaultChoice(run, nd, n);
            if (idx < 0) {
                return PRUNE;
            }
            nd.chosen = c[idx];
            nd.done |= bit(c[idx]);
            chosenConservative = false;
            return idx;
        }

        /**
         * Beyond the prefix: keep running the current thread unless it blocked or yielded, else the lowest
         * runnable thread, else fire the lowest timeout; never a thread asleep or out of bound. Spurious
         * wake-ups are explored only through backtracking.
         */
        private int defaultChoice(Decision run, Node nd, int n) {
            int[] c = run.candidates();
            int[] m = run.candidateModes();
            int cur = nd.current;
            for (int wanted : new int[] {Op.NORMAL, Op.TIMEOUT}) {
                int curIdx = -1;
                int first = -1;
                for (int i = 0; i < n; i++) {
                    int u = c[i];
                    if (m[i] != wanted || (nd.sleepMask & bit(u)) != 0 || !inBound(nd, u)) {
                        continue;
                    }
                    if (u == cur) {
                        curIdx = i;
                    } else if (first < 0) {
                        first = i;
                    }
                }
                if (curIdx >= 0 && !(wanted == Op.NORMAL && run.thread(cur).yieldedLast())) {
                    return curIdx;
                }
                if (first >= 0) {
                    return first;
                }
                if (curIdx >= 0) {
                    return curIdx;
                }
            }
            return -1;
        }

        private int indexOf(int[] c, int n, int thread) {
            for (int i = 0; i < n; i++) {
                if (c[i] == thread) {
                    return i;
                }
            }
            return n;
        }

        @Override
        public void onStep(Decision run, LogicalThread t, int mode) {
            int s = run.steps() - 1;
            if (t.kind() == Op.SPIN) {
                sawSpin = true;
            }
            int u = t.id;
            Node nd = nodes.get(s);
            Access a = executed(t, mode);
            int[] cl = clock[u];
            boolean forced = false;
            int[] locs = {a.loc, a.loc2};
            for (int l : locs) {
                if (l == 0) {
                    continue;
                }
                LocHist h = hist(l);
                join(cl, h.writeClock);
                if (!a.readOnly) {
                    join(cl, h.readClock);
                }
            }
            if (a.kind == Op.SPIN && t.lastSpinForced()) {
                // Released only because every other thread had stopped: the step depends on the last step of
                // each, which may have been what stopped it. Try this spin before that step too, and order it
                // after everything.
                for (int v = 0; v < run.threadCount(); v++) {
                    int sv = lastStep[v];
                    if (v != u && sv >= 0 && cl[stepThread[sv]] < stepSeq[sv]) {
                        addBacktrack(sv, u);
                    }
                }
                for (int v = 0; v < run.threadCount(); v++) {
                    if (clock[v] != null) {
                        join(cl, clock[v]);
                    }
                }
                forced = true;
            } else if (a.kind == Op.SPIN) {
                if (a.spinLocs == null) {
                    join(cl, globalWriteClock);
                } else {
                    for (int l : a.spinLocs) {
                        join(cl, hist(l).writeClock);
                    }
                }
            }
            cl[u] = ++seq[u];
            if (s == stepThread.length) {
                stepThread = Arrays.copyOf(stepThread, s * 2);
                stepSeq = Arrays.copyOf(stepSeq, s * 2);
            }
            stepThread[s] = u;
            stepSeq[s] = seq[u];
            for (int l : locs) {
                if (l == 0) {
                    continue;
                }
                LocHist h = hist(l);
                if (a.readOnly) {
                    join(h.readClock, cl);
                } else {
                    System.arraycopy(cl, 0, h.writeClock, 0, MAX_THREADS);
                    Arrays.fill(h.readClock, 0);
                    h.lastWrite[u] = s;
                }
                h.lastAny[u] = s;
            }
            if (a.writes()) {
                join(globalWriteClock, cl);
                lastWriteStepBy[u] = s;
            }
            lastStep[u] = s;
            if (sleepSets && (s > divergence || s == divergence && !chosenConservative)) {
                nd.takenMask |= bit(u);
                nd.taken[u] = a;
            }
            la[u] = null;
            for (int v = 0; v < run.threadCount(); v++) {
                if (v != u && la[v] != null && !run.thread(v).isTerminated()
                        && (dependent(a, la[v]) || forced && la[v].kind == Op.SPIN)) {
                    // A forced spin ends the quiescence that released the other spinners too.
                    addBacktrack(s, v);
                }
            }
            if (s >= divergence) {
                sleepMask &= ~bit(u);
                sleep[u] = null;
                for (long m = sleepMask; m != 0; m &= m - 1) {
                    int v = Long.numberOfTrailingZeros(m);
                    // Whether a spin wait is enabled can depend on whether anyone else can move, so any step
                    // may change it: a sleeping spin wakes up at every step of another thread.
                    if (forced || sleep[v].kind == Op.SPIN || dependent(a, sleep[v])) {
                        sleepMask &= ~bit(v);
                        sleep[v] = null;
                    }
                }
            }
        }

        @Override
        public void onThreadEnd(Decision run, LogicalThread t) {
            int u = t.id;
            la[u] = null;
            int s = lastStep[u];
            if (s < 0) {
                return; // ended while priming, inside its creator's step: nothing can race with it
            }
            LocHist h = hist(id(t));
            join(h.writeClock, clock[u]);
            h.lastWrite[u] = s;
            h.lastAny[u] = s;
            Access end = new Access(u, Op.WRITE, id(t), 0, 0);
            for (int v = 0; v < run.threadCount(); v++) {
                if (v != u && la[v] != null && !run.thread(v).isTerminated() && dependent(end, la[v])) {
                    addBacktrack(s, v);
                }
            }
        }

        private void racesOfNewLookahead(Decision run, int u) {
            Access b = la[u];
            int created = run.thread(u).createdAtStep();
            int[] locs = {b.loc, b.loc2, b.self};
            for (int v = 0; v < run.threadCount(); v++) {
                if (v == u) {
                    continue;
                }
                int best = -1;
                for (int l : locs) {
                    LocHist h = l == 0 ? null : hist.get(l);
                    if (h != null) {
                        best = Math.max(best, b.readOnly ? h.lastWrite[v] : h.lastAny[v]);
                    }
                }
                if (b.kind == Op.SPIN && b.spinLocs == null) {
                    best = Math.max(best, lastWriteStepBy[v]);
                } else if (b.kind == Op.SPIN) {
                    for (int l : b.spinLocs) {
                        LocHist h = hist.get(l);
                        if (h != null) {
                            best = Math.max(best, h.lastWrite[v]);
                        }
                    }
                }
                if (best > created && clock[u][stepThread[best]] < stepSeq[best]) {
                    addBacktrack(best, u);
                }
            }
        }

        private LocHist hist(int l) {
            LocHist h = hist.get(l);
            if (h == null) {
                h = new LocHist();
                hist.put(l, h);
            }
            return h;
        }

        private void join(int[] into, int[] from) {
            for (int i = 0; i < MAX_THREADS; i++) {
                if (from[i] > into[i]) {
                    into[i] = from[i];
                }
            }
        }
    }
}
