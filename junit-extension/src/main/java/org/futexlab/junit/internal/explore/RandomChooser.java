package org.futexlab.junit.internal.explore;

import org.futexlab.junit.internal.sched.Chooser;
import org.futexlab.junit.internal.ops.Op;
import org.futexlab.junit.internal.sched.Decision;

/**
 * RANDOM: each decision picks uniformly among the normally runnable threads; one decision in eight instead
 * fires a timeout or a spurious wake-up, if any is possible.
 */
final class RandomChooser implements Chooser {
    private final SplitMix rng;

    RandomChooser(long seed) {
        this.rng = new SplitMix(seed);
    }

    @Override
    public int choose(Decision run, int n) {
        if (n == 1) {
            return 0;
        }
        int[] m = run.candidateModes();
        int normal = 0;
        for (int i = 0; i < n; i++) {
            if (m[i] == Op.NORMAL) {
                normal++;
            }
        }
        int special = n - normal;
        if (special > 0 && (normal == 0 || rng.nextInt(8) == 0)) {
            return pick(m, n, false, rng.nextInt(special));
        }
        return pick(m, n, true, rng.nextInt(normal));
    }

    /** @return the index of the k-th candidate that is (or is not) normal */
    private static int pick(int[] m, int n, boolean normal, int k) {
        for (int i = 0; i < n; i++) {
            if ((m[i] == Op.NORMAL) == normal && k-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no candidate");
    }
}
