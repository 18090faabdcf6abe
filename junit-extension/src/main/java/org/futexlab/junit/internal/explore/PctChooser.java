package org.futexlab.junit.internal.explore;

import java.util.Arrays;
import org.futexlab.junit.internal.sched.Chooser;
import org.futexlab.junit.internal.sched.LogicalThread;
import org.futexlab.junit.internal.ops.Op;
import org.futexlab.junit.internal.sched.Decision;

/**
 * PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010): threads get random distinct priorities, the
 * highest-priority runnable thread always runs, and there are {@code depth - 1} change points k_1 ... k_{d-1},
 * each drawn uniformly from [1, k]: at step k_i the running thread drops to priority i, below every initial
 * priority. The change points are numbered in the order they were drawn, not in the order they fall: a thread
 * lowered later may end below one lowered earlier, which is what lets a thread that was switched away from run
 * again while the other can still run (the paper's bound, 1/(n k^(d-1)) for a bug of depth d with n threads and k
 * steps, depends on it). k is the longest schedule seen so far in the exploration. A thread that yields drops
 * below everyone, as in PCT implementations that handle yields.
 *
 * <p>Timeouts and spurious wake-ups are placed the same way: the run picks random steps at which a timed
 * wait fires or (within the budget) a parked thread returns spuriously; timeouts also fire whenever nobody
 * else can run, which is what virtual time means.
 */
final class PctChooser implements Chooser {
    private final SplitMix rng;
    private final int depth;
    private final int[] changePoints;
    private final int[] spuriousPoints;
    private final int timeoutPoint;
    private long[] prio = new long[8];
    private int nextLow = 0;

    PctChooser(long seed, int depth, int k, int spuriousBudget) {
        this.rng = new SplitMix(seed);
        this.depth = depth;
        int steps = Math.max(k, 2);
        this.changePoints = points(depth - 1, steps);
        this.spuriousPoints = points(spuriousBudget, steps);
        this.timeoutPoint = 1 + rng.nextInt(steps);
    }

    /** @return count steps drawn from [1, steps], in the order drawn */
    private int[] points(int count, int steps) {
        int[] p = new int[Math.max(0, count)];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 + rng.nextInt(steps);
        }
        return p;
    }

    @Override
    public void onThreadCreated(Decision run, LogicalThread t) {
        if (t.id >= prio.length) {
            prio = Arrays.copyOf(prio, Math.max(prio.length * 2, t.id + 1));
        }
        // Initial priorities lie above every change-point priority (which count up from 0).
        prio[t.id] = depth + 1 + (long) rng.nextInt(1 << 20) * 64 + t.id;
    }

    @Override
    public int choose(Decision run, int n) {
        int step = run.steps() + 1;
        int[] c = run.candidates();
        int[] m = run.candidateModes();
        int cur = run.currentThread();
        if (cur >= 0 && run.thread(cur).yieldedLast()) {
            prio[cur] = --nextLow - 1_000_000L;
        }
        if (contains(spuriousPoints, step)) {
            int s = best(c, m, n, Op.SPURIOUS);
            if (s >= 0) {
                return s;
            }
        }
        if (step == timeoutPoint) {
            int s = best(c, m, n, Op.TIMEOUT);
            if (s >= 0) {
                return s;
            }
        }
        int h = best(c, m, n, Op.NORMAL);
        if (h < 0) {
            return best(c, m, n, Op.TIMEOUT);
        }
        for (int i = 0; i < changePoints.length; i++) {
            if (changePoints[i] == step) {
                prio[c[h]] = i + 1; // priority i: below every initial priority, in the order drawn
                h = best(c, m, n, Op.NORMAL);
            }
        }
        return h;
    }

    private int best(int[] c, int[] m, int n, int mode) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (m[i] == mode && (best < 0 || prio[c[i]] > prio[c[best]])) {
                best = i;
            }
        }
        return best;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
