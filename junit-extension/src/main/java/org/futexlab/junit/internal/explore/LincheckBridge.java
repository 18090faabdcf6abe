package org.futexlab.junit.internal.explore;

import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The only class that touches Lincheck's API (an optional dependency). Verifying it loads Lincheck's classes,
 * so it is loaded only after {@link LinearizabilitySpec#lincheckVisible}, which does not link against Lincheck,
 * said Lincheck is there.
 */
final class LincheckBridge {
    private LincheckBridge() {}

    /**
     * What a check found: Lincheck's report of the first history no sequential order explains (null when none), in
     * which run, and how many added scenarios and random iterations it started before it ended or the deadline
     * passed.
     */
    record Checked(String failure, String foundIn, int addedStarted, int iterationsStarted) {}

    /**
     * Runs Lincheck's model checking: the scenario's added scenarios first, then the random ones. The caller has
     * installed Futex Lab's transformer first: Lincheck serves bytes it has cached to transformers that arrive
     * after it, and the two then no longer compose.
     *
     * @param perAdded invocations for each added scenario
     * @param deadline {@link System#nanoTime()} after which no added scenario and no random iteration starts
     * @throws IllegalStateException when Lincheck itself gave up before any invalid result (it found the object
     *     non-deterministic, or an internal error): that is no verdict on the object, and the message says what
     *     Lincheck said
     */
    static Checked check(LinearizabilitySpec spec, int perAdded, int iterations, int invocationsPerIteration,
            long deadline) {
        LincheckDeadline.arm(deadline);
        int added = 0;
        for (List<List<LinearizabilitySpec.Actor>> scenario : spec.scenarios) {
            // Lincheck explores a custom scenario for invocationsPerIteration without asking the generator: a run
            // of its own per added scenario checks the deadline between them, as between random iterations, and
            // leaves the random iterations their length.
            if (LincheckDeadline.passed()) {
                return new Checked(null, null, added, 0);
            }
            added++;
            ModelCheckingOptions options = options(spec).iterations(0).invocationsPerIteration(perAdded)
                    .addCustomScenario(new ExecutionScenario(List.of(), scenario.stream()
                            .map(thread -> thread.stream().map(LincheckBridge::actor).collect(Collectors.toList()))
                            .collect(Collectors.toList()), List.of(), null));
            String failure = run(options, spec.operations);
            if (failure != null) {
                return new Checked(failure, "added scenario " + added + " of " + spec.scenarios.size(), added, 0);
            }
        }
        if (iterations == 0) {
            return new Checked(null, null, added, 0);
        }
        String failure = run(options(spec).iterations(iterations).invocationsPerIteration(invocationsPerIteration),
                spec.operations);
        int started = LincheckDeadline.iterationsStarted();
        return new Checked(failure, "random iteration " + started + " of " + iterations, added, started);
    }

    /** The annotation's flags, as Lincheck's generator copies them into the actors it makes. */
    private static Actor actor(LinearizabilitySpec.Actor a) {
        Operation op = a.operation() instanceof Operation ? (Operation) a.operation() : null;
        return new Actor(a.method(), a.arguments(), op != null && op.cancellableOnSuspension(),
                op != null && op.blocking(), false, op != null && op.promptCancellation(), false);
    }

    private static ModelCheckingOptions options(LinearizabilitySpec spec) {
        return new ModelCheckingOptions()
                .executionGenerator(LincheckDeadline.class)
                .threads(spec.threads)
                .actorsPerThread(spec.actorsPerThread)
                .actorsBefore(spec.actorsBefore)
                .actorsAfter(spec.actorsAfter)
                .sequentialSpecification(spec.sequential)
                .minimizeFailedScenario(true)
                // A modelled sleeper waits in a loop around park(), which Lincheck may return from spuriously: with
                // no await-loop analysis such a loop (rt_mutex_slowlock_block() around schedule()) looks like a
                // livelock whenever the switch lands where the waiter holds the wait_lock.
                .enableAwaitLoopsAnalysis(true)
                // The race detector's hooks run before every plain access of instrumented code and do nothing
                // outside the engine's own runs; left visible, each call is one more place Lincheck may switch
                // threads, and its bounded search no longer reaches the interleavings that matter.
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses("org.futexlab.junit.internal.runtime.Hooks")
                        .methods("read", "write", "staticRead", "staticWrite", "arrayRead", "arrayWrite", "casResult",
                                "classInitStart", "classInitialized", "classInitEnd")
                        .ignore());
    }

    private static String run(ModelCheckingOptions options, Class<?> operations) {
        try {
            options.check(operations);
            return null;
        } catch (LincheckAssertionError e) {
            return e.getMessage();
        } catch (IllegalStateException e) {
            return verdictOf(e, operations);
        } catch (RuntimeException | Error e) {
            throw cannotCheck(operations, e);
        }
    }

    /** How Lincheck heads a history no sequential order explains. */
    static final String INVALID_RESULTS = "= Invalid execution results =";

    /**
     * Lincheck re-runs a failing invocation to trace it; when the re-run diverges it throws "Non-determinism
     * found", but only after its message shows the invalid results of the first run: those are still a verdict.
     *
     * @return Lincheck's report when it holds invalid results
     * @throws IllegalStateException saying Lincheck could not check operations, otherwise
     */
    static String verdictOf(IllegalStateException e, Class<?> operations) {
        String m = String.valueOf(e.getMessage());
        if (m.contains(INVALID_RESULTS)) {
            return m;
        }
        throw cannotCheck(operations, e);
    }

    private static IllegalStateException cannotCheck(Class<?> operations, Throwable e) {
        return new IllegalStateException("Lincheck could not check " + operations.getName() + ": " + e, e);
    }
}
