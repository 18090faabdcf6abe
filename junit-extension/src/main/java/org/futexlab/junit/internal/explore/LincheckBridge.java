package org.futexlab.junit.internal.explore;

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
     * Runs Lincheck's model checking. The caller has installed Futex Lab's transformer first: Lincheck serves
     * bytes it has cached to transformers that arrive after it, and the two then no longer compose.
     *
     * @param deadline {@link System#nanoTime()} after which no iteration starts: {@link LincheckDeadline} says how
     *     many did
     * @return null when every explored history is linearizable, else Lincheck's report (the scenario and the
     *     interleaving, or only the results when its re-run to trace them diverged)
     * @throws IllegalStateException when Lincheck itself gave up before any invalid result (it found the object
     *     non-deterministic, or an internal error): that is no verdict on the object, and the message says what
     *     Lincheck said
     */
    static String check(LinearizabilitySpec spec, int iterations, int invocationsPerIteration, long deadline) {
        LincheckDeadline.arm(deadline);
        ModelCheckingOptions options = new ModelCheckingOptions()
                .executionGenerator(LincheckDeadline.class)
                .iterations(iterations)
                .invocationsPerIteration(invocationsPerIteration)
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
        try {
            options.check(spec.operations);
            return null;
        } catch (LincheckAssertionError e) {
            return e.getMessage();
        } catch (IllegalStateException e) {
            return verdictOf(e, spec.operations);
        } catch (RuntimeException | Error e) {
            throw cannotCheck(spec.operations, e);
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
