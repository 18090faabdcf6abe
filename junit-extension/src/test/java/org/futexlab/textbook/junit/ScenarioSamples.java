package org.futexlab.textbook.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.Strategy;

/** @KernelScenario samples driven by KernelScenarioTest through the JUnit test kit. */
@OnlyInTestKit
class ScenarioSamples {
    /** A field initialiser: the engine makes a fresh instance per schedule, so this is fresh state. */
    private final AtomicInteger hits = new AtomicInteger();

    @KernelScenario(strategy = Strategy.EXHAUSTIVE, detects = "sample-lost-update")
    void counter(Scenario s) {
        Counter c = new Counter(s.variants());
        s.thread("a", c::increment);
        s.thread("b", c::increment);
        s.check("both increments land", () -> assertThat(c.get()).isEqualTo(2));
    }

    @KernelScenario
    void lostUpdateOnAField(Scenario s) {
        s.thread("a", () -> hits.set(hits.get() + 1));
        s.thread("b", () -> hits.set(hits.get() + 1));
        s.check("both increments land", () -> assertThat(hits.get()).isEqualTo(2));
    }

    @KernelScenario(strategy = Strategy.EXHAUSTIVE, maxPreemptions = 3)
    void synchronizedMethods(Scenario s) {
        SyncBox box = new SyncBox();
        s.thread("a", () -> box.add(SyncBox.twice(1)));
        s.thread("b", () -> box.add(1));
        s.check("both additions land", () -> assertThat(box.get()).isEqualTo(3));
    }

    @KernelScenario(strategy = Strategy.EXHAUSTIVE)
    void synchronizedSlip(Scenario s) {
        SyncBox box = new SyncBox();
        s.thread("a", () -> box.addSloppily(1));
        s.thread("b", () -> box.add(1));
        s.check("both additions land", () -> assertThat(box.get()).isEqualTo(2));
    }
}
