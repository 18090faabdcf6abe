package org.futexlab.junit.tooling;

import java.util.List;
import java.util.Objects;

/**
 * What one scenario's exploration left for a tool: the result a fork writes per scenario ({@link ResultFiles}) and a
 * tool reads back to build its matrix and reports.
 *
 * @param scenario the scenario's id, {@code class#method}
 * @param variants the variant ids it ran under (empty: the baseline)
 * @param outcome how it ended
 * @param schedules schedules run
 * @param exhausted whether EXHAUSTIVE explored every schedule within its bound
 * @param elapsedNanos wall time
 * @param report the full report the extension printed
 * @param failure what failed, or null when the outcome is PASSED
 */
public record ScenarioResult(String scenario, List<String> variants, Outcome outcome, int schedules,
        boolean exhausted, long elapsedNanos, String report, Failure failure) {
    /** How an exploration ended (the names of {@code org.futexlab.junit.Exploration.Outcome}). */
    public enum Outcome {
        /** No explored schedule failed. */
        PASSED,
        /** A schedule failed: a bug, or under a reverted fix a detection. */
        FAILED,
        /** The scenario could not be explored (bad settings, a body that throws, nondeterminism, a timeout). */
        ERROR
    }

    /**
     * What failed.
     *
     * @param kind the failure class (EXCEPTION, CHECK, DEADLOCK, LIVELOCK, STALL, LEAK, LINEARIZABILITY, TIMEOUT,
     *     SETUP, ...)
     * @param headline one line
     * @param schedule the 1-based number of the first failing schedule; 0 when no schedule ran (a setup error, a
     *     Lincheck check)
     * @param replay the replay token, or ""
     * @param threads the thread names, in creation order
     * @param steps the shrunk interleaving
     */
    public record Failure(String kind, String headline, int schedule, String replay, List<String> threads,
            List<Step> steps) {
        /** Copies the lists. */
        public Failure {
            Objects.requireNonNull(kind, "kind");
            threads = List.copyOf(threads);
            steps = List.copyOf(steps);
        }
    }

    /**
     * One step of a reported interleaving.
     *
     * @param thread the thread that took it
     * @param operation what it did
     * @param where the source position
     * @param preemption whether it preempted the thread before it
     */
    public record Step(String thread, String operation, String where, boolean preemption) {}

    /** Copies the lists and checks the outcome agrees with the failure. */
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(outcome, "outcome");
        variants = List.copyOf(variants);
        if ((outcome == Outcome.PASSED) != (failure == null)) {
            throw new IllegalArgumentException(scenario + ": outcome " + outcome + (failure == null
                    ? " without a failure" : " with a failure"));
        }
    }

    /** @return whether no schedule failed */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** @return whether a schedule failed */
    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /** @return the failure's headline, or "" */
    public String headline() {
        return failure == null ? "" : failure.headline();
    }
}
