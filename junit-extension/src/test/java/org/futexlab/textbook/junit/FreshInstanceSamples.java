package org.futexlab.textbook.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

/**
 * A scenario that keeps its state in a field, with JUnit's default lifecycle: each schedule gets an instance of
 * its own, so schedules may run at once. {@link SharedInstanceSamples} inherits it with one instance for all.
 */
@OnlyInTestKit
class FreshInstanceSamples {
    private AtomicInteger count;

    @KernelScenario(schedules = 300)
    void countsIntoAField(Scenario s) {
        count = new AtomicInteger();
        AtomicInteger mine = count;
        s.thread("a", () -> count.incrementAndGet());
        s.thread("b", () -> count.incrementAndGet());
        s.check("both increments land in this schedule's counter", () -> assertThat(mine.get()).isEqualTo(2));
    }
}
