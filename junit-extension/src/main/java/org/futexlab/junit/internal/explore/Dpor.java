package org.futexlab.junit.internal.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    boolean sleepSets;
    boolean sawSpin;
    private int restarts;
    final List<Node> nodes = new ArrayList<>();
    private boolean started;
    int divergence = -1;
    int branchThread = -1;
    boolean branchConservative;

    Dpor(int bound) {
        this.bound = bound;
        this.sleepSets = bound < 0;
    }

    /** One decision point: the candidates there, what was explored, and what remains to explore. */
    static final class Node {
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

    static long bit(int t) {
        return 1L << t;
    }

    boolean inBound(Node nd, int u) {
        return bound < 0 || u == nd.current || nd.currentFree || nd.preemptionsBefore < bound;
    }

    private long inBoundMask(Node nd) {
        if (bound < 0 || nd.currentFree || nd.preemptionsBefore < bound) {
            return -1L;
        }
        return nd.current >= 0 ? bit(nd.current) : -1L;
    }

    /** @return a chooser for the next execution, or null when every alternative within the bound was explored */
    DporExecution next() {
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
            return new DporExecution(this);
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
                return new DporExecution(this);
            }
        }
        return null;
    }

    /** @return how often the search started again (without sleep sets, on meeting a spin wait) */
    int restarts() {
        return restarts;
    }

    void addBacktrack(int i, int u) {
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
    static final class LocHist {
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
}
