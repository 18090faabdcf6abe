package org.futexlab.junit.internal.explore;

import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * The only class that touches Lincheck's API (an optional dependency). Verifying it loads Lincheck's classes,
 * so it is loaded only after {@link LinearizabilitySpec#lincheckVisible}, which does not link against Lincheck,
 * said Lincheck is there.
 */
final class LincheckBridge {
    private LincheckBridge() {}

    /**
     * Runs Lincheck's model checking: the scenario's added scenarios first, then the random ones. The caller has
     * installed Futex Lab's transformer first: Lincheck serves bytes it has cached to transformers that arrive
     * after it, and the two then no longer compose.
     *
     * @param perAdded invocations for each added scenario
     * @param deadline {@link System#nanoTime()} after which no random iteration starts: {@link LincheckDeadline}
     *     says how many did
     * @return null when every explored history is linearizable, else Lincheck's report (the scenario and the
     *     interleaving, or only the results when its re-run to trace them diverged)
     * @throws IllegalStateException when Lincheck itself gave up before any invalid result (it found the object
     *     non-deterministic, or an internal error): that is no verdict on the object, and the message says what
     *     Lincheck said
     */
    static String check(LinearizabilitySpec spec, int perAdded, int iterations, int invocationsPerIteration,
            long deadline) {
        LincheckDeadline.arm(deadline);
        if (!spec.scenarios.isEmpty()) {
            // Lincheck explores a custom scenario for invocationsPerIteration: a run of their own gives the added
            // scenarios their share of the budget without lengthening the random iterations.
            ModelCheckingOptions added = options(spec).iterations(0).invocationsPerIteration(perAdded);
            for (List<List<LinearizabilitySpec.Actor>> scenario : spec.scenarios) {
                added.addCustomScenario(new ExecutionScenario(List.of(), scenario.stream()
                        .map(thread -> thread.stream().map(LincheckBridge::actor).collect(Collectors.toList()))
                        .collect(Collectors.toList()), List.of(), null));
            }
            String failure = run(added, spec.operations);
            if (failure != null || iterations == 0) {
                return failure;
            }
        }
        return run(options(spec).iterations(iterations).invocationsPerIteration(invocationsPerIteration),
                spec.operations);
    }

    private static Actor actor(LinearizabilitySpec.Actor a) {
        return new Actor(a.method(), a.arguments(), false, false, false, false, false);
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
                .enableAwaitLoopsAnalysis(true);
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

    /** @return the iterations this thread's last {@link #check} started: fewer than asked when its deadline passed */
    static int iterationsStarted() {
        return LincheckDeadline.iterationsStarted();
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
