package org.futexlab.junit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The result of exploring one scenario: how many schedules ran, whether the search was exhaustive, and, for a
 * failure, the interleaving shrunk to the fewest preemptions with its replay token.
 */
public final class Exploration {
    /** How an exploration ended. */
    public enum Outcome {
        /** No explored schedule failed. */
        PASSED,
        /** A schedule failed: a bug (or, under a reverted fix, a detection). */
        FAILED,
        /** The scenario could not be explored (it threw while building, is nondeterministic, ...). */
        ERROR
    }

    /** One step of a reported interleaving. */
    public static final class Step {
        private final int index;
        private final String thread;
        private final String operation;
        private final String where;
        private final boolean preemption;

        /**
         * @param index 1-based step number
         * @param thread the thread's name
         * @param operation what it did, with the object it touched
         * @param where source position, such as {@code Counter.java:12}
         * @param preemption whether the scheduler switched to this thread although the previous one could go on
         */
        public Step(int index, String thread, String operation, String where, boolean preemption) {
            this.index = index;
            this.thread = thread;
            this.operation = operation;
            this.where = where;
            this.preemption = preemption;
        }

        /** @return the 1-based step number */
        public int index() {
            return index;
        }

        /** @return the thread that took the step */
        public String thread() {
            return thread;
        }

        /** @return what it did */
        public String operation() {
            return operation;
        }

        /** @return where in the source */
        public String where() {
            return where;
        }

        /** @return whether this step preempted the previous thread */
        public boolean preemption() {
            return preemption;
        }
    }

    /** What failed, and how to see it again. */
    public static final class Failure {
        private final String kind;
        private final String headline;
        private final String details;
        private final Throwable error;
        private final int schedule;
        private final int preemptionsFound;
        private final int preemptions;
        private final String replayToken;
        private final List<String> threads;
        private final List<Step> steps;
        private final String swimlanes;

        Failure(String kind, String headline, String details, Throwable error, int schedule, int preemptionsFound,
                int preemptions, String replayToken, List<String> threads, List<Step> steps, String swimlanes) {
            this.kind = kind;
            this.headline = headline;
            this.details = details;
            this.error = error;
            this.schedule = schedule;
            this.preemptionsFound = preemptionsFound;
            this.preemptions = preemptions;
            this.replayToken = replayToken;
            this.threads = List.copyOf(threads);
            this.steps = List.copyOf(steps);
            this.swimlanes = swimlanes;
        }

        /** @return the failure class: EXCEPTION, CHECK, DEADLOCK, LIVELOCK, STALL, LEAK, TIMEOUT, ... */
        public String kind() {
            return kind;
        }

        /** @return one line: the kind, where, and the exception's message */
        public String headline() {
            return headline;
        }

        /** @return more lines (who waits for what, the repeating steps, a stalled thread's stack), or "" */
        public String details() {
            return details;
        }

        /** @return the exception that failed the schedule, if any */
        public Optional<Throwable> error() {
            return Optional.ofNullable(error);
        }

        /** @return the 1-based number of the schedule that failed first */
        public int schedule() {
            return schedule;
        }

        /** @return preemptions in the failing schedule as found */
        public int preemptionsFound() {
            return preemptionsFound;
        }

        /** @return preemptions in the shrunk schedule that is reported */
        public int preemptions() {
            return preemptions;
        }

        /** @return the token that replays the reported schedule */
        public String replayToken() {
            return replayToken;
        }

        /** @return the thread names, in creation order (the swimlanes' columns) */
        public List<String> threads() {
            return threads;
        }

        /** @return the reported interleaving, step by step */
        public List<Step> steps() {
            return steps;
        }

        /** @return the interleaving drawn as per-thread swimlanes */
        public String swimlanes() {
            return swimlanes;
        }
    }

    private final String scenario;
    private final Settings settings;
    private final Outcome outcome;
    private final int schedules;
    private final int pruned;
    private final boolean exhausted;
    private final Duration elapsed;
    private final long stepsRun;
    private final String carriers;
    private final Failure failure;
    private final String report;

    Exploration(String scenario, Settings settings, Outcome outcome, int schedules, int pruned, boolean exhausted,
            Duration elapsed, long stepsRun, String carriers, Failure failure, String report) {
        this.scenario = scenario;
        this.settings = settings;
        this.outcome = outcome;
        this.schedules = schedules;
        this.pruned = pruned;
        this.exhausted = exhausted;
        this.elapsed = elapsed;
        this.stepsRun = stepsRun;
        this.carriers = carriers;
        this.failure = failure;
        this.report = report;
    }

    /** @return the scenario id */
    public String scenario() {
        return scenario;
    }

    /** @return the settings it ran with */
    public Settings settings() {
        return settings;
    }

    /** @return how it ended */
    public Outcome outcome() {
        return outcome;
    }

    /** @return true when no schedule failed */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** @return complete schedules run (pruned executions of the exhaustive search not counted) */
    public int schedules() {
        return schedules;
    }

    /** @return executions the exhaustive search abandoned because another schedule already covered them */
    public int pruned() {
        return pruned;
    }

    /**
     * @return true when EXHAUSTIVE explored every schedule within its preemption bound: a pass is then a proof
     *     up to that bound
     */
    public boolean exhausted() {
        return exhausted;
    }

    /** @return wall time */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * @return scheduling points executed over every schedule run: shrinking and replays included, and with
     *     parallel schedules those run ahead and then discarded
     */
    public long stepsRun() {
        return stepsRun;
    }

    /** @return what carried the logical threads (virtual or platform threads) */
    public String carriers() {
        return carriers;
    }

    /** @return the failure, when the outcome is not PASSED */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return schedules per second */
    public double schedulesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : schedules / s;
    }

    /** @return the full report: a one-line summary for a pass; strategy, shrunk swimlanes and token for a failure */
    public String report() {
        return report;
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
