package org.futexlab.junit;

/**
 * What a {@link KernelScenario} method receives, once per explored schedule: it builds fresh state, declares
 * the logical threads that run concurrently under the controlled scheduler, and the checks that run after they
 * all finish.
 *
 * <pre>{@code
 * @KernelScenario(strategy = Strategy.EXHAUSTIVE, maxPreemptions = 2)
 * void counter(Scenario s) {
 *     AtomicInteger c = new AtomicInteger();
 *     s.thread("a", c::incrementAndGet);
 *     s.thread("b", c::incrementAndGet);
 *     s.check("both increments land", () -> assertEquals(2, c.get()));
 * }
 * }</pre>
 *
 * <p>The method body itself runs uncontrolled on the test's thread; only the declared threads are scheduled.
 */
public interface Scenario {
    /**
     * Declares a logical thread. Threads start in declaration order, each paused before its first
     * synchronisation operation; the scheduler then decides who runs.
     *
     * @param name shown in reports and swimlanes; unique within the scenario
     * @param body the thread's code
     */
    void thread(String name, ThrowingRunnable body);

    /**
     * Declares a check that runs, uncontrolled and in declaration order, after every thread has finished.
     * A check that throws fails the schedule.
     *
     * @param name shown in reports
     * @param check the assertion
     */
    void check(String name, ThrowingRunnable check);

    /**
     * Makes this scenario a linearizability check of a concurrent object, instead of threads the scenario
     * declares: Lincheck (3.x, model checking) calls the {@code @Operation} methods of {@code operations} from
     * several threads, on a fresh instance per invocation, and checks each history against
     * {@code sequentialSpecification}, a class with the same operations run one at a time. The operations class
     * needs a no-argument constructor; it finds the run's variants in {@link Variants#current()}. A history that
     * is not linearizable fails the scenario with Lincheck's interleaving in the report.
     *
     * <p>Lincheck must be on the test class path ({@code org.jetbrains.lincheck:lincheck}, an optional dependency
     * of this extension); without it the scenario fails with a message that says so.
     *
     * @return the check, to shape the scenarios Lincheck generates
     * @throws IllegalStateException when called twice, or together with {@link #thread}
     */
    LinearizabilityCheck linearizable(Class<?> operations, Class<?> sequentialSpecification);

    /** @return the variants active in this run (configuration parameter {@code futex.variants}) */
    Variants variants();

    /** @return the scenario's id, {@code fully.qualified.Class#method} for a {@link KernelScenario} */
    String id();
}
