package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Statics;
import org.futexlab.junit.Strategy;
import org.futexlab.junit.Timeouts;
import org.futexlab.scoped.SharedCounter;
import org.futexlab.uninstrumented.Counter;
import org.junit.jupiter.api.Test;

/**
 * A pass is evidence and a failure is real: correct spinning is no livelock, a safety-net timeout need not fire,
 * static state does not leak from one schedule into the next unseen, a thread the engine never saw makes no proof,
 * a limit of the engine is an error about the settings, and a token says when it did not reproduce its failure.
 */
class TrustTest {
    private static Settings under(Strategy st) {
        return Settings.defaults().strategy(st).schedules(300);
    }

    // ---------------------------------------------------------------- fair spinning without onSpinWait

    /** A test-and-set spin lock on compareAndSet, with no onSpinWait: correct, so never a livelock. */
    static void casSpinLock(Scenario s) {
        AtomicBoolean locked = new AtomicBoolean();
        int[] counter = new int[1];
        Runnable inc = () -> {
            while (!locked.compareAndSet(false, true)) {
                // busy: the failed compare-and-sets change nothing, so the engine treats the loop as a spin wait
            }
            counter[0]++;
            locked.set(false);
        };
        s.thread("a", inc::run);
        s.thread("b", inc::run);
        s.check("both increments land", () -> assertThat(counter[0]).isEqualTo(2));
    }

    /**
     * Two threads that undo each other's writes: one waits for 2 while writing 1, the other for 1 while writing 2.
     * One of them always leaves; the other then rewrites its own value for ever: a real livelock.
     */
    static void undoEachOther(Scenario s) {
        AtomicInteger x = new AtomicInteger();
        s.thread("one", () -> {
            while (x.get() != 2) {
                x.set(1);
            }
        });
        s.thread("two", () -> {
            while (x.get() != 1) {
                x.set(2);
            }
        });
    }

    @Test
    void aCompareAndSetSpinLockWithoutOnSpinWaitPassesAndARealLivelockStillFails() {
        for (Strategy st : Strategy.values()) {
            Exploration ok = FutexLab.explore("cas spin lock", under(st), TrustTest::casSpinLock);
            assertThat(ok.passed()).as("%s:%n%s", st, ok.report()).isTrue();
        }
        Exploration all = FutexLab.explore("cas spin lock", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .maxPreemptions(-1).schedules(20_000), TrustTest::casSpinLock);
        assertThat(all.exhausted()).as(all.report()).isTrue();
        Exploration live = FutexLab.explore("undo each other", under(Strategy.RANDOM).maxSteps(2_000),
                TrustTest::undoEachOther);
        assertThat(live.failure().orElseThrow().kind()).as(live.report()).isEqualTo("LIVELOCK");
    }

    /** A wait loop on the clock (a deadline a thread spins to): time passes for it, so it ends. */
    @Test
    void aSpinOnTheClockReachesItsDeadline() {
        for (Strategy st : Strategy.values()) {
            Exploration e = FutexLab.explore("clock spin", under(st).schedules(50), s -> {
                AtomicBoolean done = new AtomicBoolean();
                s.thread("spinner", () -> {
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (System.nanoTime() < until && !done.get()) {
                        // a busy deadline wait, as a test's safety net would write it
                    }
                });
                s.thread("other", () -> done.set(false));
            });
            assertThat(e.passed()).as("%s:%n%s", st, e.report()).isTrue();
        }
    }

    // ---------------------------------------------------------------- timeouts

    /** A waiter with a safety-net timeout, and a notifier that always comes: the timeout is never needed. */
    static void safetyNetTimeout(Scenario s) {
        Object m = new Object();
        boolean[] ready = new boolean[1];
        s.thread("waiter", () -> {
            synchronized (m) {
                long until = System.currentTimeMillis() + 10_000;
                while (!ready[0] && System.currentTimeMillis() < until) {
                    m.wait(10_000);
                }
                assertThat(ready[0]).as("notified before the safety net").isTrue();
            }
        });
        s.thread("notifier", () -> {
            synchronized (m) {
                ready[0] = true;
                m.notifyAll();
            }
        });
    }

    @Test
    void timeoutsWhenStuckNeverFireASafetyNetEarly() {
        Exploration earliest = FutexLab.explore("safety net", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .spuriousWakeups(0), TrustTest::safetyNetTimeout);
        assertThat(earliest.report()).contains("notified before the safety net");
        Exploration stuck = FutexLab.explore("safety net", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .spuriousWakeups(0).with(Settings.TIMEOUTS, Timeouts.WHEN_STUCK), TrustTest::safetyNetTimeout);
        assertThat(stuck.passed()).as(stuck.report()).isTrue();
        assertThat(stuck.exhausted()).as(stuck.report()).isTrue();
        assertThat(stuck.report()).contains("timeouts only when stuck");
    }

    /** With nobody to notify, a timed wait still times out under WHEN_STUCK: no thread can otherwise move. */
    @Test
    void timeoutsWhenStuckStillFireWhenNothingElseCanMove() {
        Exploration e = FutexLab.explore("alone", Settings.defaults().with(Settings.TIMEOUTS, Timeouts.WHEN_STUCK),
                s -> s.thread("waiter", () -> {
                    Object m = new Object();
                    synchronized (m) {
                        m.wait(1_000);
                    }
                }));
        assertThat(e.passed()).as(e.report()).isTrue();
    }

    // ---------------------------------------------------------------- static state between schedules

    static int calls;

    static void countsCalls(Scenario s) {
        AtomicInteger seen = new AtomicInteger();
        s.thread("caller", () -> {
            calls++;
            seen.set(calls);
        });
        s.check("the first call of this schedule", () -> assertThat(seen.get()).isEqualTo(1));
    }

    @Test
    void staticsWrittenDuringSchedulesAreNamedAndResetOnRequest() {
        calls = 0;
        Exploration warned = FutexLab.explore("statics", under(Strategy.RANDOM), TrustTest::countsCalls);
        assertThat(warned.failure().orElseThrow().schedule()).as(warned.report()).isEqualTo(2);
        assertThat(warned.report()).contains("static fields written during schedules: "
                + TrustTest.class.getName() + ".calls");
        calls = 0;
        Exploration reset = FutexLab.explore("statics", under(Strategy.RANDOM).with(Settings.STATICS, Statics.RESET),
                TrustTest::countsCalls);
        assertThat(reset.passed()).as(reset.report()).isTrue();
        assertThat(reset.report()).contains("each was set back before every schedule");
    }

    // ---------------------------------------------------------------- tokens that say whether they reproduced

    static volatile boolean broken = true;

    static void brokenWhileFlagged(Scenario s) {
        AtomicInteger x = new AtomicInteger();
        Runnable inc = () -> {
            if (broken) {
                x.set(x.get() + 1);
            } else {
                x.incrementAndGet();
            }
        };
        s.thread("a", inc::run);
        s.thread("b", inc::run);
        s.check("two", () -> assertThat(x.get()).isEqualTo(2));
    }

    @Test
    void aTokenWhoseFailureDoesNotHappenAgainSaysSo() {
        broken = true;
        String token = FutexLab.explore("flagged", under(Strategy.RANDOM), TrustTest::brokenWhileFlagged)
                .failure().orElseThrow().replayToken();
        Exploration again = FutexLab.explore("flagged", Settings.defaults().replay(token),
                TrustTest::brokenWhileFlagged);
        assertThat(again.outcome()).isEqualTo(Exploration.Outcome.FAILED);
        assertThat(again.report()).doesNotContain("did not happen again");
        broken = false;
        try {
            Exploration fixed = FutexLab.explore("flagged", Settings.defaults().replay(token),
                    TrustTest::brokenWhileFlagged);
            assertThat(fixed.report()).as(fixed.report()).contains("did not happen again when replayed");
        } finally {
            broken = true;
        }
    }

    // ---------------------------------------------------------------- no proof of nothing

    @Test
    void aThreadThatReachesNoSchedulingPointMakesNoProof() {
        Exploration e = FutexLab.explore("uninstrumented", Settings.defaults().strategy(Strategy.EXHAUSTIVE),
                s -> s.thread("a", Counter::hit));
        assertThat(e.outcome()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.failure().orElseThrow().details()).contains("thread a reached no scheduling point")
                .contains("see instrument");
    }

    /** A method reference to a JDK atomic is interleaved like the lambda that calls it. */
    @Test
    void aMethodReferenceToAnAtomicIsASchedulingPoint() {
        Exploration e = FutexLab.explore("reference", Settings.defaults().strategy(Strategy.EXHAUSTIVE), s -> {
            AtomicInteger x = new AtomicInteger();
            s.thread("a", x::incrementAndGet);
            s.thread("b", x::incrementAndGet);
        });
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(e.schedules()).isEqualTo(2);
        assertThat(e.report()).contains("covered   1 scheduling point, 1 conflicting pair of accesses");
    }

    @Test
    void aPassSaysWhatItAssumedAndCovered() {
        Exploration e = FutexLab.explore("cas spin lock", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .maxPreemptions(1).spuriousWakeups(0), TrustTest::casSpinLock);
        List<String> lines = e.report().lines().toList();
        assertThat(lines.get(1)).startsWith("  assumed   at most 1 preemption, no spurious wake-up; plain accesses "
                + "checked for data races");
        assertThat(lines.get(2)).matches("  covered   \\d+ scheduling points, \\d+ conflicting pairs? of accesses");
        Exploration off = FutexLab.explore("cas spin lock", Settings.defaults().with(Settings.RACES, false),
                TrustTest::casSpinLock);
        assertThat(off.report()).contains("data races not checked (races = off)");
    }

    /** One scenario's instrument does not make another's run interleave that package's code. */
    @Test
    void instrumentWidensOnlyTheScenarioThatNamesIt() {
        ScenarioBody body = s -> {
            SharedCounter c = new SharedCounter();
            s.thread("a", () -> c.increment());
            s.thread("b", () -> c.increment());
            s.check("two", () -> assertThat(c.hits()).isEqualTo(2));
        };
        Exploration named = FutexLab.explore("named", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .instrument(List.of("org.futexlab.scoped")), body);
        assertThat(named.outcome()).as(named.report()).isEqualTo(Exploration.Outcome.FAILED);
        Exploration other = FutexLab.explore("other", Settings.defaults().strategy(Strategy.EXHAUSTIVE), body);
        assertThat(other.outcome()).as(other.report()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(other.failure().orElseThrow().details()).contains("reached no scheduling point");
    }

    // ---------------------------------------------------------------- limits are settings errors

    @Test
    void moreThreadsThanTheExhaustiveSearchTracksIsASettingsErrorWithoutAToken() {
        Exploration e = FutexLab.explore("65 threads", Settings.defaults().strategy(Strategy.EXHAUSTIVE), s -> {
            AtomicInteger x = new AtomicInteger();
            for (int i = 0; i < 65; i++) {
                s.thread("t" + i, () -> x.incrementAndGet());
            }
        });
        assertThat(e.outcome()).isEqualTo(Exploration.Outcome.ERROR);
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.details()).contains("strategy = EXHAUSTIVE explores at most 64 threads").contains("RANDOM");
        assertThat(f.replayToken()).isNull();
        Exploration random = FutexLab.explore("65 threads", Settings.defaults().strategy(Strategy.RANDOM)
                .schedules(3), s -> {
                    AtomicInteger x = new AtomicInteger();
                    for (int i = 0; i < 65; i++) {
                        s.thread("t" + i, () -> x.incrementAndGet());
                    }
                    s.check("all", () -> assertThat(x.get()).isEqualTo(65));
                });
        assertThat(random.passed()).as(random.report()).isTrue();
    }

    // ---------------------------------------------------------------- Thread.start

    /** The child's first write may come after the parent's next read: start does not run the child ahead. */
    @Test
    void aStartedThreadDoesNotRunAheadOfItsParent() {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        Exploration e = FutexLab.explore("start", Settings.defaults().strategy(Strategy.EXHAUSTIVE), s -> {
            AtomicInteger x = new AtomicInteger();
            AtomicInteger read = new AtomicInteger(-1);
            s.thread("parent", () -> {
                Thread child = new Thread(() -> x.set(1), "child");
                child.start();
                read.set(x.get());
                child.join();
            });
            s.check("record", () -> seen.add(read.get()));
        });
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(seen).containsExactlyInAnyOrder(0, 1);
    }
}
