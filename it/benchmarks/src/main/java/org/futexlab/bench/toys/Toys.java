package org.futexlab.bench.toys;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.ScenarioBody;

/**
 * The scenarios the benchmarks explore; in a package of their own so that only they are instrumented, not the
 * JMH harness around them.
 */
public final class Toys {
    private Toys() {}

    /** @return threads that only yield: with fair yields the scheduler switches at every step */
    public static ScenarioBody yielders(int threads, int yieldsEach) {
        return s -> {
            for (int t = 0; t < threads; t++) {
                s.thread("y" + t, () -> {
                    for (int i = 0; i < yieldsEach; i++) {
                        Thread.yield();
                    }
                });
            }
        };
    }

    /** @return threads doing two atomic steps each on one counter (the toy of the schedule-count test) */
    public static ScenarioBody counters(int threads) {
        return s -> {
            AtomicInteger c = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                s.thread("c" + t, () -> {
                    c.incrementAndGet();
                    c.incrementAndGet();
                });
            }
            s.check("every increment lands", () -> {
                if (c.get() != 2 * threads) {
                    throw new AssertionError(c.get());
                }
            });
        };
    }
}
