package org.futexlab.textbook.junit;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.*;

@OnlyInTestKit
class ReadmeCounter {
    @KernelScenario(strategy = Strategy.EXHAUSTIVE, maxPreemptions = 2)
    void incrementsAreNotLost(Scenario s) {
        AtomicInteger hits = new AtomicInteger();
        s.thread("a", () -> hits.set(hits.get() + 1));   // bug: get, then set
        s.thread("b", () -> hits.set(hits.get() + 1));
        s.check("both land", () -> assertThat(hits.get()).isEqualTo(2));
    }
}
