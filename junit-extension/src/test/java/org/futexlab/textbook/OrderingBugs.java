package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.ScenarioBody;

/**
 * Ordering bugs of a known depth, for measuring a strategy against PCT's guarantee: n threads of k steps each, every
 * step an atomic increment that stamps it with its place in the global order; the bug shows when a given list of
 * steps happens in that order. A bug whose list holds d + 1 steps of alternating threads has depth d (d ordering
 * constraints between threads).
 */
public final class OrderingBugs {
    private OrderingBugs() {}

    /**
     * @param threads n
     * @param steps k steps per thread
     * @param chain the steps that must happen in this order for the bug, as {thread, step} pairs (0-based)
     * @return the program; its check fails when the chain happened in order
     */
    public static ScenarioBody chain(int threads, int steps, int[][] chain) {
        return s -> {
            AtomicInteger clock = new AtomicInteger();
            int[][] stamp = new int[threads][steps];
            for (int t = 0; t < threads; t++) {
                int me = t;
                s.thread("t" + t, () -> {
                    for (int i = 0; i < steps; i++) {
                        stamp[me][i] = clock.getAndIncrement();
                    }
                });
            }
            s.check("the chain did not happen in order", () -> {
                boolean inOrder = true;
                for (int c = 1; c < chain.length; c++) {
                    inOrder &= stamp[chain[c - 1][0]][chain[c - 1][1]] < stamp[chain[c][0]][chain[c][1]];
                }
                assertThat(inOrder).isFalse();
            });
        };
    }
}
