package org.futexlab.junit.internal.explore;

import org.jetbrains.kotlinx.lincheck.CTestStructure;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.RandomExecutionGenerator;
import org.jetbrains.lincheck.datastructures.CTestConfiguration;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Lincheck's random scenarios, until the scenario's timeout: Lincheck has no time budget of its own, and it ends
 * its iterations when the generator returns null, so a check stops between two iterations, never inside one.
 * Lincheck instantiates the generator by reflection (hence public, with Lincheck's constructor); the deadline is
 * static because one exploration at a time runs in a JVM ({@link CurrentVariants}).
 */
public final class LincheckDeadline extends RandomExecutionGenerator {
    private static volatile long deadlineNanos;
    private static volatile int iterations;

    public LincheckDeadline(CTestConfiguration configuration, CTestStructure structure, RandomProvider random) {
        super(configuration, structure, random);
    }

    /** Arms the deadline for the next check. */
    static void arm(long deadline) {
        deadlineNanos = deadline;
        iterations = 0;
    }

    /** @return the iterations the check started before it ended or the deadline passed */
    static int iterationsStarted() {
        return iterations;
    }

    @Override
    public ExecutionScenario nextExecution() {
        if (System.nanoTime() - deadlineNanos >= 0) {
            return null;
        }
        iterations++;
        return super.nextExecution();
    }
}
