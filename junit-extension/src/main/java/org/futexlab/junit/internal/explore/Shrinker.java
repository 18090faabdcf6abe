package org.futexlab.junit.internal.explore;

import org.futexlab.junit.internal.sched.RunConfig;

/**
 * Shrinks a failing schedule to as few preemptions as it can within a budget, keeping the same failure (same
 * kind and exception class). First a preemption-bounded exhaustive search with bounds 0, 1, ... below the
 * found count: the first failure it meets has the fewest preemptions the bounded search can reach. Then,
 * greedily, each remaining preemption is undone by letting the preempted thread take its next step at once.
 */
final class Shrinker {
    private static final int MAX_RUNS = 3000;
    private static final int RUNS_PER_BOUND = 600;
    private static final long MAX_NANOS = 30_000_000_000L;

    private final Explorer explorer;
    private final RunConfig cfg;
    private final long until;
    private int runs;

    Shrinker(Explorer explorer, RunConfig cfg, long deadline) {
        this.explorer = explorer;
        this.cfg = cfg;
        long now = System.nanoTime();
        this.until = now + Math.min(MAX_NANOS, Math.max(0, (deadline - now) / 2));
    }

    private boolean spent() {
        return runs >= MAX_RUNS || System.nanoTime() - until > 0;
    }

    Explorer.Sched shrink(Explorer.Sched found) {
        String sig = found.failure().signature();
        Explorer.Sched best = found;
        bounded:
        for (int k = 0; k < best.preemptions() && !spent(); k++) {
            Dpor d = new Dpor(k);
            int complete = 0;
            while (complete < RUNS_PER_BOUND && !spent()) {
                DporExecution ex = d.next();
                if (ex == null) {
                    break;
                }
                Explorer.Sched r = explorer.runOnce(ex, cfg);
                runs++;
                if (r.pruned()) {
                    continue;
                }
                complete++;
                if (r.failure() != null && sig.equals(r.failure().signature()) && r.trace() != null) {
                    if (r.preemptions() < best.preemptions()) {
                        best = r;
                    }
                    break bounded;
                }
            }
        }
        boolean improved = true;
        while (improved && best.preemptions() > 0 && !spent()) {
            improved = false;
            int[] t = best.trace().threads();
            for (int p = 1; p < t.length && !spent(); p++) {
                if (!best.trace().preempted(p)) {
                    continue;
                }
                int preempted = t[p - 1];
                int q = p + 1;
                while (q < t.length && t[q] != preempted) {
                    q++;
                }
                if (q >= t.length) {
                    continue;
                }
                int[] desired = new int[t.length];
                System.arraycopy(t, 0, desired, 0, p);
                desired[p] = preempted;
                System.arraycopy(t, p, desired, p + 1, q - p);
                System.arraycopy(t, q + 1, desired, q + 1, t.length - q - 1);
                Explorer.Sched r = explorer.runOnce(new GuidedChooser(desired), cfg);
                runs++;
                if (r.failure() != null && sig.equals(r.failure().signature()) && r.trace() != null
                        && r.preemptions() < best.preemptions()) {
                    best = r;
                    improved = true;
                    break;
                }
            }
        }
        return best;
    }
}
