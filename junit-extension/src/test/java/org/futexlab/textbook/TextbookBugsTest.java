package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every textbook bug is found by every strategy within a small budget, and its correct twin passes: under
 * EXHAUSTIVE with a proof up to the bound. Results are deterministic: the same settings fail on the same
 * schedule with the same replay token.
 */
class TextbookBugsTest {

    static Stream<Arguments> bugs() {
        return Stream.of(
                Arguments.of("lost update", (ScenarioBody) Textbook::lostUpdate, (ScenarioBody) Textbook::atomicIncrement,
                        "CHECK"),
                Arguments.of("check-then-act", (ScenarioBody) Textbook::checkThenAct,
                        (ScenarioBody) Textbook::doubleCheckedLocking, "CHECK"),
                Arguments.of("lost wake-up", (ScenarioBody) Textbook::lostWakeup, (ScenarioBody) Textbook::parkInLoop,
                        "DEADLOCK"),
                Arguments.of("wait in if", (ScenarioBody) Textbook::waitInIf, (ScenarioBody) Textbook::waitInWhile,
                        "CHECK"),
                Arguments.of("lock-order deadlock", (ScenarioBody) Textbook::lockOrderInversion,
                        (ScenarioBody) Textbook::lockOrderConsistent, "DEADLOCK"),
                Arguments.of("livelock", (ScenarioBody) Textbook::rearmRace, (ScenarioBody) Textbook::rearmAfterAck,
                        "LIVELOCK"));
    }

    private static Settings settings(Strategy strategy) {
        Settings s = Settings.defaults().strategy(strategy).maxSteps(400);
        switch (strategy) {
            case EXHAUSTIVE:
                return s.maxPreemptions(2).schedules(5000);
            case PCT:
                return s.schedules(200);
            default:
                return s.schedules(200);
        }
    }

    @ParameterizedTest(name = "{0}: found by every strategy, twin passes")
    @MethodSource("bugs")
    void bugFoundAndTwinPasses(String name, ScenarioBody bug, ScenarioBody twin, String kind) {
        for (Strategy strategy : Strategy.values()) {
            Exploration found = FutexLab.explore(name, settings(strategy), bug);
            assertThat(found.outcome()).as("%s under %s:%n%s", name, strategy, found.report())
                    .isEqualTo(Exploration.Outcome.FAILED);
            assertThat(found.failure().orElseThrow().kind()).as(found.report()).isEqualTo(kind);

            Exploration again = FutexLab.explore(name, settings(strategy), bug);
            assertThat(again.failure().orElseThrow().schedule()).as("deterministic schedule number")
                    .isEqualTo(found.failure().orElseThrow().schedule());
            assertThat(again.failure().orElseThrow().replayToken()).as("deterministic token")
                    .isEqualTo(found.failure().orElseThrow().replayToken());

            Exploration fixed = FutexLab.explore(name + " (fixed)", settings(strategy), twin);
            assertThat(fixed.outcome()).as("twin of %s under %s:%n%s", name, strategy, fixed.report())
                    .isEqualTo(Exploration.Outcome.PASSED);
            if (strategy == Strategy.EXHAUSTIVE) {
                assertThat(fixed.exhausted()).as(fixed.report()).isTrue();
                assertThat(fixed.report()).contains("exhausted:").contains("no failure up to 2 preemptions");
            }
        }
    }

    @ParameterizedTest(name = "{0}: the same result with schedules run in parallel")
    @MethodSource("bugs")
    void parallelSchedulesGiveTheSequentialResult(String name, ScenarioBody bug, ScenarioBody twin, String kind) {
        for (Strategy strategy : new Strategy[] {Strategy.RANDOM, Strategy.PCT}) {
            // A seed under which the bug is not found in the first schedule, which runs alone.
            Settings one = null;
            Exploration alone = null;
            for (long seed = 1; seed <= 50 && alone == null; seed++) {
                Exploration e = FutexLab.explore(name, settings(strategy).seed(seed), bug);
                assertThat(e.outcome()).as("%s under %s, seed %d:%n%s", name, strategy, seed, e.report())
                        .isEqualTo(Exploration.Outcome.FAILED);
                if (e.failure().orElseThrow().schedule() > 1) {
                    one = settings(strategy).seed(seed);
                    alone = e;
                }
            }
            assertThat(alone).as("%s under %s: a seed of 1 to 50 that does not find it at once", name, strategy)
                    .isNotNull();
            Exploration parallel = FutexLab.explore(name, one.parallelism(3), bug);
            assertThat(parallel.outcome()).as("%s under %s:%n%s", name, strategy, parallel.report())
                    .isEqualTo(alone.outcome());
            assertThat(parallel.schedules()).isEqualTo(alone.schedules());
            assertThat(parallel.failure().orElseThrow().schedule()).isEqualTo(alone.failure().orElseThrow().schedule());
            assertThat(parallel.failure().orElseThrow().replayToken())
                    .isEqualTo(alone.failure().orElseThrow().replayToken());

            Exploration fixed = FutexLab.explore(name + " (fixed)", one.parallelism(3), twin);
            assertThat(fixed.outcome()).as("twin of %s under %s:%n%s", name, strategy, fixed.report())
                    .isEqualTo(Exploration.Outcome.PASSED);
            assertThat(fixed.schedules()).isEqualTo(one.schedules());
            assertThat(fixed.report().lines().findFirst().orElseThrow()).endsWith(", 3 at a time)");
        }
    }

    @Test
    void waitInIfIsFoundOnlyThroughSpuriousWakeups() {
        for (Strategy strategy : Strategy.values()) {
            Exploration none = FutexLab.explore("wait in if", settings(strategy).spuriousWakeups(0),
                    Textbook::waitInIf);
            assertThat(none.passed()).as("%s without spurious wake-ups:%n%s", strategy, none.report()).isTrue();
            Exploration one = FutexLab.explore("wait in if", settings(strategy).spuriousWakeups(1),
                    Textbook::waitInIf);
            assertThat(one.passed()).as("%s with one spurious wake-up", strategy).isFalse();
            assertThat(one.failure().orElseThrow().steps()).as(one.report())
                    .anyMatch(step -> step.operation().contains("spurious wake-up"));
        }
        assertThat(FutexLab.explore("wait in if", settings(Strategy.EXHAUSTIVE).spuriousWakeups(0),
                Textbook::waitInIf).exhausted()).isTrue();
    }

    @Test
    void deadlockReportSaysWhoWaitsForWhat() {
        Exploration e = FutexLab.explore("lock order", settings(Strategy.EXHAUSTIVE), Textbook::lockOrderInversion);
        String details = e.failure().orElseThrow().details();
        assertThat(details).contains("every live thread is blocked")
                .contains("transfer: waiting for ReentrantLock").contains("report: waiting for ReentrantLock");
        assertThat(e.failure().orElseThrow().preemptions()).as("one preemption suffices").isEqualTo(1);

        Exploration monitors = FutexLab.explore("monitor order", settings(Strategy.EXHAUSTIVE),
                Textbook::monitorOrderInversion);
        assertThat(monitors.failure().orElseThrow().details()).contains("waiting for the monitor of Object")
                .contains("held by right-first").contains("held by left-first");
    }

    @Test
    void livelockReportShowsTheRepeatingSteps() {
        Exploration e = FutexLab.explore("rearm race", settings(Strategy.EXHAUSTIVE), Textbook::rearmRace);
        String details = e.failure().orElseThrow().details();
        assertThat(details).contains("400 steps").contains("steps repeat")
                .contains("waiter: AtomicBoolean.get").contains("waiter: Thread.yield");
    }

    @Test
    void shrinkingReportsTheFewestPreemptions() {
        // PCT finds the lost update with whatever preemptions its priorities produce; one is enough.
        Exploration e = FutexLab.explore("lost update", settings(Strategy.PCT), Textbook::lostUpdate);
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.preemptions()).isEqualTo(1);
        assertThat(f.preemptionsFound()).isGreaterThanOrEqualTo(1);
        assertThat(f.swimlanes()).contains("inc-1").contains("inc-2").contains("AtomicInteger#1.get")
                .contains("Textbook.java:");
    }
}
