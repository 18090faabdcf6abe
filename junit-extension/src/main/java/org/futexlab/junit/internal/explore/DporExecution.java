package org.futexlab.junit.internal.explore;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import org.futexlab.junit.internal.ops.Op;
import org.futexlab.junit.internal.sched.Chooser;
import org.futexlab.junit.internal.sched.Decision;
import org.futexlab.junit.internal.sched.LogicalThread;

/**
 * The chooser of one execution of the exhaustive search ({@link Dpor}): it replays the prefix up to the node the
 * search branches at, takes the branch, and from there on runs the default choice, while it tracks happens-before
 * with vector clocks (program order, dependence, thread creation) and marks, at each earlier step that races with a
 * thread's new lookahead, a backtracking point for that thread.
 */
final class DporExecution implements Chooser {
    private final Dpor search;
    private final int[][] clock = new int[Dpor.MAX_THREADS][];
    private final int[] seq = new int[Dpor.MAX_THREADS];
    private final HashMap<Integer, Dpor.LocHist> hist = new HashMap<>();
    private final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();
    private final int[] globalWriteClock = new int[Dpor.MAX_THREADS];
    private final int[] lastWriteStepBy = filledSteps();
    private final Access[] la = new Access[Dpor.MAX_THREADS];
    private final int[] lastStep = filledSteps();
    private int[] stepThread = new int[256];
    private int[] stepSeq = new int[256];
    private long sleepMask;
    private final Access[] sleep = new Access[Dpor.MAX_THREADS];
    private boolean chosenConservative;

    DporExecution(Dpor search) {
        this.search = search;
    }

    private int id(Object o) {
        if (o == null) {
            return 0;
        }
        if (o == Op.BUDGET) {
            return Access.BUDGET_ID;
        }
        if (o == Op.CLOCK_LOC) {
            return Access.CLOCK_ID;
        }
        if (o instanceof LogicalThread) {
            return Access.THREAD_BASE + ((LogicalThread) o).id;
        }
        Integer id = ids.get(o);
        if (id == null) {
            id = Access.OBJECT_BASE + ids.size();
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
        int[] a = new int[Dpor.MAX_THREADS];
        Arrays.fill(a, -1);
        return a;
    }

    @Override
    public void onThreadCreated(Decision run, LogicalThread t) {
        if (t.id >= Dpor.MAX_THREADS) {
            throw new IllegalStateException("strategy = EXHAUSTIVE explores at most " + Dpor.MAX_THREADS
                    + " threads, and this scenario starts more (thread \"" + t.name + "\" is number "
                    + (t.id + 1) + "): explore it with strategy = RANDOM or PCT, which have no such limit");
        }
        int creator = t.creatorId();
        clock[t.id] = creator >= 0 ? clock[creator].clone() : new int[Dpor.MAX_THREADS];
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
            mask |= Dpor.bit(c[i]);
        }
        if (s < search.nodes.size()) {
            Dpor.Node nd = search.nodes.get(s);
            if (mask != nd.enabled) {
                return n; // out of range: the run reports a nondeterministic scenario
            }
            int want = nd.chosen;
            if (s == search.divergence) {
                want = search.branchThread;
                nd.chosen = want;
                nd.done |= Dpor.bit(want);
                chosenConservative = search.branchConservative;
                sleepMask = nd.sleepMask | nd.takenMask;
                for (int u = 0; u < Dpor.MAX_THREADS; u++) {
                    sleep[u] = (nd.takenMask & Dpor.bit(u)) != 0 ? nd.taken[u] : nd.sleep[u];
                }
            }
            return indexOf(c, n, want);
        }
        Dpor.Node nd = new Dpor.Node();
        nd.enabled = mask;
        nd.current = run.currentThread();
        nd.currentFree = run.currentFree();
        nd.preemptionsBefore = run.preemptions();
        nd.sleepMask = sleepMask;
        System.arraycopy(sleep, 0, nd.sleep, 0, Dpor.MAX_THREADS);
        search.nodes.add(nd);
        int idx = defaultChoice(run, nd, n);
        if (idx < 0) {
            return PRUNE;
        }
        nd.chosen = c[idx];
        nd.done |= Dpor.bit(c[idx]);
        chosenConservative = false;
        return idx;
    }

    /**
     * Beyond the prefix: keep running the current thread unless it blocked or yielded, else the lowest
     * runnable thread, else fire the lowest timeout; never a thread asleep or out of bound. Spurious
     * wake-ups are explored only through backtracking.
     */
    private int defaultChoice(Decision run, Dpor.Node nd, int n) {
        int[] c = run.candidates();
        int[] m = run.candidateModes();
        int cur = nd.current;
        for (int wanted : new int[] {Op.NORMAL, Op.TIMEOUT}) {
            int curIdx = -1;
            int first = -1;
            for (int i = 0; i < n; i++) {
                int u = c[i];
                if (m[i] != wanted || (nd.sleepMask & Dpor.bit(u)) != 0 || !search.inBound(nd, u)) {
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
            search.sawSpin = true;
        }
        int u = t.id;
        Dpor.Node nd = search.nodes.get(s);
        Access a = executed(t, mode);
        int[] cl = clock[u];
        boolean forced = false;
        int[] locs = {a.loc, a.loc2};
        for (int l : locs) {
            if (l == 0) {
                continue;
            }
            Dpor.LocHist h = hist(l);
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
                    search.addBacktrack(sv, u);
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
            Dpor.LocHist h = hist(l);
            if (a.readOnly) {
                join(h.readClock, cl);
            } else {
                System.arraycopy(cl, 0, h.writeClock, 0, Dpor.MAX_THREADS);
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
        if (search.sleepSets && (s > search.divergence || s == search.divergence && !chosenConservative)) {
            nd.takenMask |= Dpor.bit(u);
            nd.taken[u] = a;
        }
        la[u] = null;
        for (int v = 0; v < run.threadCount(); v++) {
            if (v != u && la[v] != null && !run.thread(v).isTerminated()
                    && (Access.dependent(a, la[v]) || forced && la[v].kind == Op.SPIN)) {
                // A forced spin ends the quiescence that released the other spinners too.
                search.addBacktrack(s, v);
            }
        }
        if (s >= search.divergence) {
            sleepMask &= ~Dpor.bit(u);
            sleep[u] = null;
            for (long m = sleepMask; m != 0; m &= m - 1) {
                int v = Long.numberOfTrailingZeros(m);
                // Whether a spin wait is enabled can depend on whether anyone else can move, so any step
                // may change it: a sleeping spin wakes up at every step of another thread.
                if (forced || sleep[v].kind == Op.SPIN || Access.dependent(a, sleep[v])) {
                    sleepMask &= ~Dpor.bit(v);
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
        Dpor.LocHist h = hist(id(t));
        join(h.writeClock, clock[u]);
        h.lastWrite[u] = s;
        h.lastAny[u] = s;
        Access end = new Access(u, Op.WRITE, id(t), 0, 0);
        for (int v = 0; v < run.threadCount(); v++) {
            if (v != u && la[v] != null && !run.thread(v).isTerminated() && Access.dependent(end, la[v])) {
                search.addBacktrack(s, v);
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
                Dpor.LocHist h = l == 0 ? null : hist.get(l);
                if (h != null) {
                    best = Math.max(best, b.readOnly ? h.lastWrite[v] : h.lastAny[v]);
                }
            }
            if (b.kind == Op.SPIN && b.spinLocs == null) {
                best = Math.max(best, lastWriteStepBy[v]);
            } else if (b.kind == Op.SPIN) {
                for (int l : b.spinLocs) {
                    Dpor.LocHist h = hist.get(l);
                    if (h != null) {
                        best = Math.max(best, h.lastWrite[v]);
                    }
                }
            }
            if (best > created && clock[u][stepThread[best]] < stepSeq[best]) {
                search.addBacktrack(best, u);
            }
        }
    }

    private Dpor.LocHist hist(int l) {
        Dpor.LocHist h = hist.get(l);
        if (h == null) {
            h = new Dpor.LocHist();
            hist.put(l, h);
        }
        return h;
    }

    private void join(int[] into, int[] from) {
        for (int i = 0; i < Dpor.MAX_THREADS; i++) {
            if (from[i] > into[i]) {
                into[i] = from[i];
            }
        }
    }
}
