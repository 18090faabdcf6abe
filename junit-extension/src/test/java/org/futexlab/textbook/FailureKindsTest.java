package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.uninstrumented.Spinner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The failure classes besides assertions: the watchdog, leaked threads, exceptions in threads, timeouts. */
class FailureKindsTest {
    private static final List<ExecutorService> EXECUTORS = new CopyOnWriteArrayList<>();

    @AfterAll
    static void cleanUp() throws InterruptedException {
        Spinner.release();
        for (ExecutorService e : EXECUTORS) {
            e.shutdownNow();
            assertThat(e.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard, not a speed claim
    void watchdogReportsCodeThatNeverReachesASchedulingPoint() {
        Settings st = Settings.defaults().strategy(Strategy.RANDOM).schedules(5).stallTimeout(Duration.ofSeconds(1));
        Exploration e = FutexLab.explore("stall", st, s -> {
            AtomicInteger x = new AtomicInteger();
            s.thread("spinner", () -> {
                x.incrementAndGet();
                Spinner.spinUntilReleased();
            });
            s.thread("other", x::incrementAndGet);
        });
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.kind()).isEqualTo("STALL");
        assertThat(f.details()).contains("thread spinner ran for").contains("without reaching a scheduling point")
                .contains("org.futexlab.uninstrumented.Spinner.spinUntilReleased");
    }

    @Test
    void threadsTheEngineDoesNotControlAreReportedWhenLeftRunning() {
        Exploration e = submitting("leak", ex -> ex.submit(() -> {
            Thread.sleep(30_000);
            return null;
        }));
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.kind()).isEqualTo("LEAK");
        assertThat(f.details()).contains("threads started by code the engine does not control")
                .contains("pool-").contains("java.lang.Thread.sleep");
    }

    /** The twin of the leak: the same executor, shut down with its work done, leaves nothing running. */
    @Test
    void anExecutorWhoseWorkEndsWithTheScheduleIsNoLeak() {
        Exploration e = submitting("no leak", ex -> {
            ex.submit(() -> null);
            ex.shutdown();
        });
        assertThat(e.passed()).as(e.report()).isTrue();
    }

    /** A scenario whose one thread hands work to an executor the engine does not control. */
    private static Exploration submitting(String id, java.util.function.Consumer<ExecutorService> work) {
        return FutexLab.explore(id, Settings.defaults().strategy(Strategy.RANDOM).schedules(3), s -> {
            AtomicInteger handedOver = new AtomicInteger();
            s.thread("submitter", () -> {
                ExecutorService ex = Executors.newSingleThreadExecutor();
                EXECUTORS.add(ex);
                work.accept(ex);
                // The executor's own calls are not scheduling points yet: without one of its own the submitter
                // would be a thread the engine never saw, and the result an error saying so.
                handedOver.incrementAndGet();
            });
        });
    }

    @Test
    void anExceptionInAThreadNamesTheThread() {
        Exploration e = FutexLab.explore("boom", Settings.defaults().strategy(Strategy.PCT).schedules(10), s -> {
            AtomicInteger x = new AtomicInteger();
            s.thread("quiet", x::incrementAndGet);
            s.thread("loud", () -> {
                if (x.incrementAndGet() == 2) {
                    throw new IllegalStateException("second!");
                }
            });
        });
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.kind()).isEqualTo("EXCEPTION");
        assertThat(f.headline()).isEqualTo("uncaught exception in thread loud: java.lang.IllegalStateException: "
                + "second!");
        assertThat(f.error()).get().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThreadFailingBeforeItsFirstSchedulingPointStillEndsTheRunCleanly() {
        Exploration e = FutexLab.explore("early", Settings.defaults().strategy(Strategy.RANDOM).schedules(5), s -> {
            AtomicInteger x = new AtomicInteger();
            s.thread("early", () -> {
                throw new IllegalArgumentException("before any synchronisation");
            });
            s.thread("late-1", x::incrementAndGet);
            s.thread("late-2", x::incrementAndGet);
        });
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.headline()).isEqualTo("uncaught exception in thread early: java.lang.IllegalArgumentException: "
                + "before any synchronisation");
        assertThat(f.details()).as("the threads that never started are not waited for, nor left behind")
                .doesNotContain("left running");
    }

    @Test
    void theScenarioTimeoutEndsTheExploration() {
        Settings st = Settings.defaults().strategy(Strategy.RANDOM).schedules(Integer.MAX_VALUE)
                .timeout(Duration.ofMillis(300));
        Exploration e = FutexLab.explore("slow", st, Textbook::atomicIncrement);
        assertThat(e.outcome()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.failure().orElseThrow().details()).contains("exceeded its timeout of 300 ms after")
                .contains("schedules with no failure");
    }

    @Test
    void exhaustiveSearchThatRunsOutOfBudgetSaysItIsNoProof() {
        Exploration e = FutexLab.explore("budget", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .maxPreemptions(-1).schedules(3), Textbook::twoByTwoDependent);
        assertThat(e.passed()).isTrue();
        assertThat(e.exhausted()).isFalse();
        assertThat(e.report()).contains("no failure in 3 schedules, but the search in any schedule was not "
                + "exhausted; raise schedules for a proof");
    }
}
