package org.futexlab.junit.internal.explore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.junit.internal.sched.RunFailure;

/** What the exploration found, as it is being put together; {@link #toExploration()} is the result. */
final class ExplorationResult {
    String scenario;
    Settings settings;
    Exploration.Outcome outcome;
    int schedules;
    int pruned;
    boolean exhausted;
    long elapsedNanos;
    /** Scheduling points executed over every schedule run (see {@link Exploration#stepsRun()}). */
    long stepsRun;
    String carriers;
    /** Distinct scheduling points (call sites) reached, and distinct conflicting pairs of sites seen. */
    int schedulingPoints;
    int conflictingPairs;
    /** Static fields some schedule wrote, and those futex.statics=reset could not set back. */
    List<String> staticWrites = List.of();
    List<String> staticsNotReset = List.of();
    RunFailure failure;
    int failingSchedule;
    int preemptionsFound;
    int preemptionsShrunk;
    String token;
    boolean replayed;
    /** The failing schedule did not fail again when replayed: something in the scenario is nondeterministic. */
    boolean unreproducible;
    List<String> threads = List.of();
    List<Exploration.Step> steps = List.of();
    String swimlanes = "";
    String report;

    /** @return true for strategies that sample (their "exhausted" is meaningless) */
    boolean sampled() {
        return settings.strategy() != Strategy.EXHAUSTIVE;
    }

    Exploration toExploration() {
        Exploration.Failure f = failure == null ? null : new Exploration.Failure(failure.kind.name(),
                failure.headline(), failure.details, Optional.ofNullable(failure.error), failingSchedule,
                preemptionsFound, preemptionsShrunk, token, threads, steps, swimlanes);
        return new Exploration(scenario, settings, outcome, schedules, pruned, exhausted,
                Duration.ofNanos(elapsedNanos), stepsRun, carriers, Optional.ofNullable(f), report);
    }
}
