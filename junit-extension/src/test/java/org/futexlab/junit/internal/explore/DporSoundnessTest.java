package org.futexlab.junit.internal.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.junit.internal.sched.Chooser;
import org.futexlab.junit.internal.sched.Decision;
import org.futexlab.textbook.RandomPrograms;
import org.junit.jupiter.api.Test;

/**
 * The exhaustive search is only worth its proof if its reductions lose nothing: on random small programs, the
 * outcomes bounded DPOR reaches must be exactly those brute-force enumeration reaches with the same
 * preemption bound (a schedule's outcome being every value read and the final state). Brute force here is the
 * plain decision tree, no reduction at all.
 */
class DporSoundnessTest {
    private static final Settings SETTINGS = Settings.defaults().strategy(Strategy.EXHAUSTIVE)
            .instrument(List.of("org.futexlab.textbook")).spuriousWakeups(0);

    /** Brute force gives up beyond this many schedules (unbounded search of three threads explodes). */
    private static final int BRUTE_CAP = 4000;

    /** Depth-first enumeration of every schedule within a preemption bound. */
    static final class BruteForce implements Chooser {
        private final int bound;
        private final List<int[]> options = new ArrayList<>();
        private final List<Integer> chosen = new ArrayList<>();
        private int depth;

        BruteForce(int bound) {
            this.bound = bound;
        }

        @Override
        public int choose(Decision run, int n) {
            if (depth == options.size()) {
                List<Integer> ok = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (bound < 0 || !run.isPreemption(run.candidates()[i]) || run.preemptions() < bound) {
                        ok.add(i);
                    }
                }
                options.add(ok.stream().mapToInt(Integer::intValue).toArray());
                chosen.add(0);
            }
            int[] ok = options.get(depth);
            return ok[chosen.get(depth++)];
        }

        /** @return whether another schedule remains */
        boolean advance() {
            depth = 0;
            for (int d = options.size() - 1; d >= 0; d--) {
                if (chosen.get(d) + 1 < options.get(d).length) {
                    chosen.set(d, chosen.get(d) + 1);
                    options.subList(d + 1, options.size()).clear();
                    chosen.subList(d + 1, chosen.size()).clear();
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void boundedDporReachesExactlyTheOutcomesOfBruteForce() {
        int compared = 0;
        int skipped = 0;
        long bruteRuns = 0;
        long dporRuns = 0;
        long[] bruteByBound = new long[4];
        long[] dporByBound = new long[4];
        for (long seed = 0; seed < Long.getLong("programs", 60); seed++) {
            for (int bound : new int[] {0, 1, 2, -1}) {
                Set<String> brute = new HashSet<>();
                int runs = 0;
                boolean complete;
                try (Explorer be = Explorer.forTesting("p" + seed, SETTINGS,
                        RandomPrograms.program(seed, brute::add))) {
                    BruteForce bf = new BruteForce(bound);
                    do {
                        Explorer.Sched r = be.runOnce(bf);
                        assertThat(r.failure()).as("program %d bound %d", seed, bound).isNull();
                        runs++;
                        complete = !bf.advance();
                    } while (!complete && runs < BRUTE_CAP);
                }
                if (!complete) {
                    skipped++;
                    continue;
                }
                Set<String> dpor = new HashSet<>();
                int druns = 0;
                try (Explorer de = Explorer.forTesting("p" + seed, SETTINGS, RandomPrograms.program(seed, dpor::add))) {
                    Dpor d = new Dpor(bound);
                    int restarts = 0;
                    for (DporExecution ex = d.next(); ex != null; ex = d.next()) {
                        if (d.restarts() != restarts) {
                            restarts = d.restarts(); // the search began again: count only the final one
                            druns = 0;
                            dpor.clear();
                        }
                        Explorer.Sched r = de.runOnce(ex);
                        assertThat(r.failure()).as("program %d bound %d: %s", seed, bound,
                                r.failure() == null ? "" : r.failure().headline() + "\n" + r.failure().details).isNull();
                        if (!r.pruned()) {
                            druns++;
                        }
                    }
                }
                assertThat(dpor).as("program %d, bound %d", seed, bound).isEqualTo(brute);
                assertThat(druns).as("program %d, bound %d: DPOR may not run more schedules than brute force",
                        seed, bound).isLessThanOrEqualTo(runs);
                compared++;
                bruteRuns += runs;
                dporRuns += druns;
                bruteByBound[bound < 0 ? 3 : bound] += runs;
                dporByBound[bound < 0 ? 3 : bound] += druns;
            }
        }
        System.out.printf("DPOR vs brute force: %d (program, bound) pairs compared, %d skipped (brute force over "
                + "%d schedules); brute force ran %d schedules, DPOR %d%n", compared, skipped, BRUTE_CAP, bruteRuns,
                dporRuns);
        for (int b = 0; b < 4; b++) {
            System.out.printf("  bound %s: brute force %d schedules, DPOR %d%n", b == 3 ? "none" : b, bruteByBound[b],
                    dporByBound[b]);
        }
        assertThat(compared).isGreaterThan(150);
        assertThat(dporRuns).isLessThan(bruteRuns);
    }
}
