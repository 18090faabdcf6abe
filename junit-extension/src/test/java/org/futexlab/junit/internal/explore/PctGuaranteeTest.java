package org.futexlab.junit.internal.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.textbook.OrderingBugs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PCT's guarantee (Burckhardt et al., ASPLOS 2010, theorem 9): a schedule finds a bug of depth d with probability at
 * least 1/(n k^(d-1)) for n threads and k steps. Measured on the first seeds, so the figure is a function of the seeds
 * and the test is deterministic. Where the bound is tight (most of these programs), the share of M seeds scatters
 * around it, so the test allows the sampling error of M draws (3.29 standard errors: a one-sided test at 0.05%); a PCT
 * that misses the bug, as one that numbers change points in the order they fall does for the depth-3 chain "a, then
 * b, then a while b can still run, then b" with two threads, finds it in none.
 */
class PctGuaranteeTest {
    private static final Settings SETTINGS = Settings.defaults().strategy(Strategy.PCT).spuriousWakeups(0)
            .instrument(List.of("org.futexlab.textbook"));
    private static final int SEEDS = 4000;

    @ParameterizedTest(name = "depth {0}: {1} threads x {2} steps, chain {3}")
    @CsvSource(delimiter = ';', value = {
        "1; 2; 4; 1.0 0.0",
        "2; 2; 4; 0.0 1.0 0.1",
        "2; 3; 3; 2.0 0.2 1.2",
        "3; 2; 4; 0.0 1.0 0.1 1.1",
        "3; 2; 3; 0.1 1.0 0.2 1.2",
        "3; 3; 3; 0.0 1.1 2.1 0.2",
    })
    void aBugOfDepthDIsFoundAsOftenAsTheBoundPromises(int depth, int threads, int steps, String chainText) {
        int[][] chain = parse(chainText);
        int k = threads * steps;
        int found = 0;
        try (Explorer e = Explorer.forTesting("pct-depth-" + depth, SETTINGS,
                OrderingBugs.chain(threads, steps, chain))) {
            for (int i = 0; i < SEEDS; i++) {
                Explorer.Sched r = e.runOnce(new PctChooser(SplitMix.derive(7, i), depth, k, 0));
                assertThat(r.steps()).as("every schedule of the program takes k steps").isEqualTo(k);
                if (r.failure() != null) {
                    assertThat(r.failure().kind).isEqualTo(org.futexlab.junit.internal.sched.RunFailure.Kind.CHECK);
                    found++;
                }
            }
        }
        double bound = 1.0 / (threads * Math.pow(k, depth - 1));
        double tolerance = 3.29 * Math.sqrt(bound * (1 - bound) / SEEDS);
        System.out.printf("PCT depth %d, n=%d, k=%d: found in %d of %d seeds (%.4f; bound %.4f)%n", depth, threads, k,
                found, SEEDS, (double) found / SEEDS, bound);
        assertThat(found).as("seeds that find the bug").isPositive();
        assertThat((double) found / SEEDS).as("share of seeds that find the bug, against the bound %.4f", bound)
                .isGreaterThanOrEqualTo(bound - tolerance);
    }

    private static int[][] parse(String text) {
        String[] parts = text.strip().split(" ");
        int[][] out = new int[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            String[] ts = parts[i].split("\\.");
            out[i] = new int[] {Integer.parseInt(ts[0]), Integer.parseInt(ts[1])};
        }
        return out;
    }
}
