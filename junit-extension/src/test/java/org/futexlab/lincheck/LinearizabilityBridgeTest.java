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
        assertThat(added.report()).contains("add(7)").contains("1 added scenario: 30 invocations per added "
                + "scenario, then 3 random iterations x 10 invocations; found in added scenario 1 of 1");
    }

    /**
     * That an added scenario runs at all is shown above, where only it passes 7; a static counter of the adds of 7
     * read 0 after such a run under Lincheck, so it cannot tell.
     */
    @Test
    void anAddedScenarioThatPassesIsCounted() {
        Exploration e = FutexLab.explore("adds", Settings.defaults().schedules(40),
                s -> s.linearizable(Counters.Adder.class, Counters.SequentialAdder.class)
                        .scenario(List.of(List.of(call("add", 7)), List.of(call("add", 7), call("get")))));
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(e.schedules()).isEqualTo(40);
        assertThat(e.report()).contains("linearizable in 40 Lincheck invocations (2 threads x 3 operations, 1 before "
                + "and 1 after, 1 added scenario)");
    }

    @Test
    void addedScenariosStopAtTheScenariosTimeout() {
        Settings budget = Settings.defaults().schedules(100_000).timeout(java.time.Duration.ofSeconds(2));
        Exploration e = FutexLab.explore("adds", budget, s -> {
            var check = s.linearizable(Counters.Adder.class, Counters.SequentialAdder.class);
            for (int i = 0; i < 1000; i++) {
                check.scenario(List.of(List.of(call("add", 7)), List.of(call("get"))));
            }
        });
        assertThat(e.outcome()).as(e.report()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.failure().orElseThrow().kind()).isEqualTo("TIMEOUT");
        assertThat(e.schedules()).isPositive().isLessThan(50_000);
    }

    @Test
    void anAddedScenarioNamesWhatDoesNotFit() {
        String ops = "its operations: add(int), get()";
        assertThat(badScenario(List.of(List.of(call("sub", 7)), List.of(call("get"))))).contains(
                "scenario: thread 1, sub(7): LostAddOfSeven has no @Operation sub with 1 arguments; " + ops);
        assertThat(badScenario(List.of(List.of(call("get")), List.of(call("add"))))).contains(
                "scenario: thread 2, add(): LostAddOfSeven has no @Operation add with 0 arguments; " + ops);
        assertThat(badScenario(List.of(List.of(call("add", 7L)), List.of(call("get"))))).contains(
                "scenario: thread 1, add(7): argument 1 is a Long, and add(int) takes int there; " + ops);
        assertThat(badScenario(List.of(List.of(call("add", (Object) null)), List.of(call("get"))))).contains(
                "scenario: thread 1, add(null): argument 1 is null, and add(int) takes int there; " + ops);
        assertThat(badScenario(List.of(List.of(call("get")), List.of()))).contains(
                "scenario: thread 2 has no calls; expected at least one");
        assertThat(badScenario(List.of(List.of(call("get"))))).contains(
                "scenario: 1 thread; expected at least 2, one list of calls per thread");
    }

    @Test
    void anAddedScenarioKeepsItsOperationsAnnotations() {
        assertThat(badScenario(Counters.Annotated.class, List.of(List.of(call("poll")), List.of(call("poll")))))
                .contains("scenario: thread 2, poll(): poll is in nonParallelGroup \"consumer\", which thread 1 also "
                        + "calls; a group's calls must all be in one thread");
        assertThat(badScenario(Counters.Annotated.class, List.of(List.of(call("close")), List.of(call("close")))))
                .contains("scenario: thread 2, close(): close is @Operation(runOnce = true), and the scenario calls "
                        + "it more than once");
        assertThat(badScenario(Counters.Annotated.class, List.of(List.of(call("put", 1)), List.of(call("poll")))))
                .contains("scenario: thread 1, put(1): the arguments fit put(Integer) and put(int)");
    }

    private static String badScenario(List<List<LinearizabilityCheck.Call>> threads) {
        return badScenario(Counters.LostAddOfSeven.class, threads);
    }

    private static String badScenario(Class<?> operations, List<List<LinearizabilityCheck.Call>> threads) {
        Exploration e = FutexLab.explore("bad", SMALL,
                s -> s.linearizable(operations, Counters.SequentialAdder.class).scenario(threads));
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
