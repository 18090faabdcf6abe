package org.futexlab.textbook.junit;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

/** @KernelScenario methods with bad settings: each must fail with one clear message. */
@OnlyInTestKit
class BadSamples {
    @KernelScenario(schedules = 0)
    void zeroSchedules(Scenario s) {
        s.thread("a", () -> { });
    }

    @KernelScenario(timeout = "soon")
    void badTimeout(Scenario s) {
        s.thread("a", () -> { });
    }

    @KernelScenario(replay = "futex1:definitely-not-a-token")
    void malformedToken(Scenario s) {
        s.thread("a", () -> { });
    }

    @KernelScenario(detects = "no-such-variant")
    void unknownDetects(Scenario s) {
        s.thread("a", () -> { });
    }

    @KernelScenario
    void noScenarioParameter() {
    }

    @KernelScenario
    void noThreads(Scenario s) {
    }

    @KernelScenario
    void throwsWhileBuilding(Scenario s) {
        throw new IllegalStateException("the model refused to boot");
    }

    @KernelScenario(instrument = "not a package!")
    void badInstrument(Scenario s) {
        s.thread("a", () -> { });
    }
}
