package org.futexlab.textbook.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.junit.jupiter.api.TestInstance;

/**
 * One instance for every schedule: each schedule builds its state in the instance's field, so two schedules at
 * once would count into each other's counter. KernelScenarioTest runs it with futex.parallelism above 1.
 */
@OnlyInTestKit
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedInstanceSamples {
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
