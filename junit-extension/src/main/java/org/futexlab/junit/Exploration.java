package org.futexlab.junit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of exploring one scenario: how many schedules ran, whether the search was exhaustive, and, for a
 * failure, the interleaving shrunk to the fewest preemptions with its replay token.
 *
 * @param scenario the scenario id
 * @param settings the settings it ran with
 * @param outcome how it ended
 * @param schedules complete schedules run (pruned executions of the exhaustive search not counted)
 * @param pruned executions the exhaustive search abandoned because another schedule already covered them
 * @param exhausted true when EXHAUSTIVE explored every schedule within its preemption bound: a pass is then a proof
 *     up to that bound
 * @param elapsed wall time
 * @param stepsRun scheduling points executed over every schedule run: shrinking and replays included, and with
 *     parallel schedules those run ahead and then discarded
 * @param carriers what carried the logical threads (virtual or platform threads)
 * @param failure the failure, when the outcome is not PASSED
 * @param report the full report: a one-line summary for a pass; strategy, shrunk swimlanes and token for a failure
 */
public record Exploration(String scenario, Settings settings, Outcome outcome, int schedules, int pruned,
        boolean exhausted, Duration elapsed, long stepsRun, String carriers, Optional<Failure> failure,
        String report) {
    /** How an exploration ended. */
    public enum Outcome {
        /** No explored schedule failed. */
        PASSED,
        /** A schedule failed: a bug (or, under a reverted fix, a detection). */
        FAILED,
        /** The scenario could not be explored (it threw while building, is nondeterministic, ...). */
        ERROR
    }

    /**
     * One step of a reported interleaving.
     *
     * @param index 1-based step number
     * @param thread the thread's name
     * @param operation what it did, with the object it touched
     * @param where source position, such as {@code Counter.java:12}
     * @param preemption whether the scheduler switched to this thread although the previous one could go on
     */
    public record Step(int index, String thread, String operation, String where, boolean preemption) {}

    /**
     * What failed, and how to see it again.
     *
     * @param kind the failure class: EXCEPTION, CHECK, DEADLOCK, LIVELOCK, STALL, LEAK, TIMEOUT, ...
     * @param headline one line: the kind, where, and the exception's message
     * @param details more lines (who waits for what, the repeating steps, a stalled thread's stack), or ""
     * @param error the exception that failed the schedule, if any
     * @param schedule the 1-based number of the schedule that failed first
     * @param preemptionsFound preemptions in the failing schedule as found
     * @param preemptions preemptions in the shrunk schedule that is reported
     * @param replayToken the token that replays the reported schedule, or null
     * @param threads the thread names, in creation order (the swimlanes' columns)
     * @param steps the reported interleaving, step by step
     * @param swimlanes the interleaving drawn as per-thread swimlanes
     */
    public record Failure(String kind, String headline, String details, Optional<Throwable> error, int schedule,
            int preemptionsFound, int preemptions, String replayToken, List<String> threads, List<Step> steps,
            String swimlanes) {
        /** Copies the lists. */
        public Failure {
            Objects.requireNonNull(error, "error");
            threads = List.copyOf(threads);
            steps = List.copyOf(steps);
        }
    }

    /** Checks the parts. */
    public Exploration {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(report, "report");
    }

    /** @return true when no schedule failed */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** @return schedules per second */
    public double schedulesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : schedules / s;
    }

    /** @return a one-line summary */
    public String summary() {
        return report.lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return summary();
    }
}
