package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.junit.internal.instrument.FutexAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rewritten operation, through AllOps: outside a controlled run it must behave exactly like the original
 * code, and inside one it must be a scheduling point of the right kind (a missing or mistyped hook would surface
 * here as a NoSuchMethodError or VerifyError).
 */
class HooksTest {
    @BeforeAll
    static void instrument() {
        FutexAgent.ensureInstalled();
        FutexAgent.addPackages(List.of("org.futexlab.textbook"));
        assertThat(FutexAgent.isRewritten(AllOps.class)).as("AllOps is instrumented").isTrue();
        assertThat(FutexAgent.problems()).isEmpty();
    }

    @Test
    void outsideAControlledRunEveryHookBehavesLikeTheOriginal() throws Exception {
        AllOps ops = new AllOps();
        assertThat(ops.memory()).isEqualTo(316);
        assertThat(ops.threads()).isEqualTo(7);
        assertThat(ops.monitors()).isEqualTo(6);
        assertThat(ops.locks()).isEqualTo(5);
        assertThat(Thread.interrupted()).isFalse();
    }

    private static void allOps(Scenario s) {
        int[] results = new int[4];
        s.thread("memory", () -> results[0] = new AllOps().memory());
        s.thread("threads", () -> results[1] = new AllOps().threads());
        s.thread("monitors", () -> results[2] = new AllOps().monitors());
        s.thread("locks", () -> results[3] = new AllOps().locks());
        s.check("same results as uncontrolled", () -> assertThat(results).containsExactly(316, 7, 6, 5));
    }

    @Test
    void insideAControlledRunEveryOperationIsASchedulingPoint() {
        for (Strategy strategy : Strategy.values()) {
            Exploration e = FutexLab.explore("all ops", Settings.defaults().strategy(strategy).schedules(60)
                    .maxPreemptions(1), HooksTest::allOps);
            assertThat(e.passed()).as("%s:%n%s", strategy, e.report()).isTrue();
        }
        Exploration shown = FutexLab.explore("all ops, shown", Settings.defaults().schedules(1), s -> {
            allOps(s);
            s.check("show the trace", () -> assertThat("shown").isEqualTo("the trace"));
        });
        List<String> ops = shown.failure().orElseThrow().steps().stream().map(Exploration.Step::operation)
                .collect(java.util.stream.Collectors.toList());
        for (String expected : List.of("AtomicInteger#", ".incrementAndGet", "AtomicLong#", "AtomicBoolean#",
                "AtomicReference#", "AtomicIntegerArray#", "LongAdder#", "AtomicIntegerFieldUpdater.addAndGet",
                "VarHandle.compareAndSet", "VarHandle.getAndAdd", "(volatile)", "AllOps.staticVolatile", "park",
                "unpark", "Thread.start", "join child", "join second", "isAlive second", "interrupt threads",
                "interrupted? threads", "Thread.sleep", "Thread.yield", "Thread.onSpinWait", "nanoTime",
                "monitor enter Object#", "monitor exit Object#", "enter synchronized bump", "exit synchronized twice",
                "wait Object#", "wait return Object#", "notifyAll Object#", "notify Object#", "lock ReentrantLock#", "tryLock ReentrantLock#",
                "unlock ReentrantLock#", "await ConditionObject#", "await return ConditionObject#", "signalAll ConditionObject#",
                "signal ConditionObject#",
                "lock ReentrantReadWriteLock#", "(timed out)")) {
            assertThat(ops).as("an operation containing \"%s\"", expected).anyMatch(op -> op.contains(expected));
        }
    }
}
