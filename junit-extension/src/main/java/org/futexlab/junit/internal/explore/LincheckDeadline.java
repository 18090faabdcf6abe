package org.futexlab.junit.internal.explore;

import org.jetbrains.kotlinx.lincheck.CTestStructure;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.RandomExecutionGenerator;
import org.jetbrains.lincheck.datastructures.CTestConfiguration;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Lincheck's random scenarios, until the scenario's timeout: Lincheck has no time budget of its own, and it ends
 * its iterations when the generator returns null, so a check stops between two iterations, never inside one.
 * Lincheck instantiates the generator by reflection (hence public, with Lincheck's constructor), so the deadline
 * cannot be passed to it; it is kept per thread, since Lincheck generates each iteration's scenario on the thread
 * that runs the check, and JUnit may run several checks at once on other threads.
 */
public final class LincheckDeadline extends RandomExecutionGenerator {
    /** The deadline of the check this thread runs, and the iterations it started. */
    private static final class Armed {
        final long deadlineNanos;
        int iterations;

        Armed(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }
    }

    private static final ThreadLocal<Armed> ARMED = new ThreadLocal<>();

    public LincheckDeadline(CTestConfiguration configuration, CTestStructure structure, RandomProvider random) {
        super(configuration, structure, random);
    }

    /** Arms the deadline for this thread's next check. */
    static void arm(long deadline) {
        ARMED.set(new Armed(deadline));
    }

    /** @return the iterations this thread's check started before it ended or the deadline passed */
    static int iterationsStarted() {
        Armed a = ARMED.get();
        return a == null ? 0 : a.iterations;
    }

    /** @return whether the deadline of this thread's check has passed: no run of Lincheck starts after it */
    static boolean passed() {
        Armed a = ARMED.get();
        return a != null && System.nanoTime() - a.deadlineNanos >= 0;
    }

    @Override
    public ExecutionScenario nextExecution() {
        Armed a = ARMED.get();
        if (a != null) {
            if (passed()) {
                return null;
            }
            a.iterations++;
        }
        return super.nextExecution();
    }
}
