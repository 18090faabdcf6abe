package org.futexlab.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.futexlab.junit.LinearizabilityCheck.call;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.LinearizabilityCheck;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Variants;
import org.junit.jupiter.api.Test;

/**
 * Scenario.linearizable: Lincheck's model checking inside an exploration, its report, the variants it sees, and
 * what happens without Lincheck on the class path.
 */
class LinearizabilityBridgeTest {
    private static final Settings SMALL = Settings.defaults().schedules(300);

    @Test
    void aNonLinearizableObjectFailsWithLinchecksInterleaving() {
        Exploration e = FutexLab.explore("lost update", SMALL,
                s -> s.linearizable(Counters.LostUpdate.class, Counters.Sequential.class));
        assertThat(e.outcome()).isEqualTo(Exploration.Outcome.FAILED);
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.kind()).isEqualTo("LINEARIZABILITY");
        assertThat(f.headline()).isEqualTo("not linearizable: LostUpdate");
        assertThat(e.report()).contains("Invalid execution results").contains("inc()").contains("Lincheck model checking");
    }

    @Test
    void aLinearizableObjectPassesWithinTheBudget() {
        Exploration e = FutexLab.explore("atomic", SMALL,
                s -> s.linearizable(Counters.Atomic.class, Counters.Sequential.class).threads(3).actorsPerThread(2));
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(e.schedules()).isEqualTo(300);
        assertThat(e.report()).contains("linearizable in 300 Lincheck invocations (3 threads x 2 operations");
    }

    @Test
    void aCheckStopsBetweenIterationsAtTheScenariosTimeout() {
        Settings budget = Settings.defaults().schedules(1_000_000).timeout(java.time.Duration.ofSeconds(2));
        Exploration e = FutexLab.explore("atomic", budget,
                s -> s.linearizable(Counters.Atomic.class, Counters.Sequential.class));
        assertThat(e.outcome()).as(e.report()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.failure().orElseThrow().kind()).isEqualTo("TIMEOUT");
        assertThat(e.schedules()).isPositive().isLessThan(1_000_000);
        assertThat(e.report()).contains("exceeded its timeout of 2.0 s after " + e.schedules() + " schedules");
    }

    @Test
    void anAddedScenarioReachesWhatRandomScenariosCannot() {
        Settings budget = Settings.defaults().schedules(60);
        Exploration random = FutexLab.explore("adds", budget,
                s -> s.linearizable(Counters.LostAddOfSeven.class, Counters.SequentialAdder.class));
        assertThat(random.passed()).as("the generator never passes 7: " + random.report()).isTrue();

        Exploration added = FutexLab.explore("adds", budget,
                s -> s.linearizable(Counters.LostAddOfSeven.class, Counters.SequentialAdder.class)
                        .scenario(List.of(List.of(call("add", 7)), List.of(call("add", 7), call("get")))));
        assertThat(added.outcome()).as(added.report()).isEqualTo(Exploration.Outcome.FAILED);
        assertThat(added.report()).contains("add(7)")
                .contains("1 added scenario, 1 added x 30 invocations, then 3 x 10 invocations");
    }

    @Test
    void anAddedScenarioThatPassesCountsItsInvocations() {
        Exploration e = FutexLab.explore("atomic", Settings.defaults().schedules(40),
                s -> s.linearizable(Counters.Atomic.class, Counters.Sequential.class)
                        .scenario(List.of(List.of(call("inc")), List.of(call("inc"), call("get")))));
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(e.schedules()).isEqualTo(40);
    }

    @Test
    void anAddedScenarioNamesWhatDoesNotFit() {
        String ops = "its operations: add(int), get()";
        assertThat(badScenario(List.of(List.of(call("sub", 7))))).contains("scenario: thread 1, sub(7): "
                + "LostAddOfSeven has no @Operation sub with 1 arguments; " + ops);
        assertThat(badScenario(List.of(List.of(call("get")), List.of(call("add"))))).contains(
                "scenario: thread 2, add(): LostAddOfSeven has no @Operation add with 0 arguments; " + ops);
        assertThat(badScenario(List.of(List.of(call("add", 7L))))).contains("scenario: thread 1, add(7): "
                + "argument 1 is a Long, and add takes int there; " + ops);
        assertThat(badScenario(List.of(List.of(call("add", (Object) null))))).contains(
                "scenario: thread 1, add(null): argument 1 is null, and add takes int there; " + ops);
        assertThat(badScenario(List.of(List.of(call("get")), List.of()))).contains(
                "scenario: thread 2 has no calls; expected at least one");
        assertThat(badScenario(List.of())).contains("scenario: no threads; expected one list of calls per thread");
    }

    private static String badScenario(List<List<LinearizabilityCheck.Call>> threads) {
        Exploration e = FutexLab.explore("bad", SMALL, s -> s.linearizable(Counters.LostAddOfSeven.class,
                Counters.SequentialAdder.class).scenario(threads));
        assertThat(e.outcome()).as(e.report()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.failure().orElseThrow().details()).startsWith("the scenario method threw");
        return e.report();
    }

    /** Lincheck instantiates the operations class; it finds the run's variants where any code can. */
    public static class VariantAware extends Counters.Atomic {
        static final AtomicInteger SEEN = new AtomicInteger();

        public VariantAware() {
            if (Variants.current().isActive("sample-variant")) {
                SEEN.incrementAndGet();
            }
        }
    }

    @Test
    void theOperationsClassSeesTheRunsVariants() {
        VariantAware.SEEN.set(0);
        Exploration e = FutexLab.explore("variants", Settings.defaults().schedules(100).variants("sample-variant"),
                s -> s.linearizable(VariantAware.class, Counters.Sequential.class));
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(VariantAware.SEEN.get()).isPositive();
        assertThat(Variants.current().isBaseline()).as("reset after the exploration").isTrue();

        VariantAware.SEEN.set(0);
        Exploration baseline = FutexLab.explore("variants", Settings.defaults().schedules(100),
                s -> s.linearizable(VariantAware.class, Counters.Sequential.class));
        assertThat(baseline.passed()).as(baseline.report()).isTrue();
        assertThat(VariantAware.SEEN.get()).as("the baseline reverts nothing").isZero();
    }

    @Test
    void aScenarioIsEitherThreadsOrACheck() {
        Exploration e = FutexLab.explore("both", SMALL, s -> {
            s.thread("t", () -> { });
            s.linearizable(Counters.Atomic.class, Counters.Sequential.class);
        });
        assertThat(e.outcome()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.failure().orElseThrow().details()).contains("declares threads [t] and asks for a "
                + "linearizability check");
    }

    /** Loads the operations class itself and hides Lincheck, as a class path without it would. */
    static final class WithoutLincheck extends ClassLoader {
        WithoutLincheck() {
            super(LinearizabilityBridgeTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.jetbrains.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("org.futexlab.lincheck.Counters")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    void withoutLincheckTheCheckSaysWhatToAdd() throws Exception {
        Class<?> ops = new WithoutLincheck().loadClass("org.futexlab.lincheck.Counters$Atomic");
        Exploration e = FutexLab.explore("no lincheck", SMALL, s -> s.linearizable(ops, Counters.Sequential.class));
        assertThat(e.outcome()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.report()).contains("needs Lincheck on the test class path, and it is not there")
                .contains("org.jetbrains.lincheck:lincheck:3.7");
    }
}
