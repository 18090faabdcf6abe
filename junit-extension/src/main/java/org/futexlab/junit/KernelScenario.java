package org.futexlab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a method that explores thread interleavings under the controlled scheduler. The method takes a
 * {@link Scenario} (and may take other parameters JUnit resolves); it runs once per schedule to build fresh
 * state and declare logical threads and checks. It shows up as one test in Surefire and IDEs; a failure
 * reports the strategy, seed and schedule, the interleaving shrunk to the fewest preemptions as per-thread
 * swimlanes, and a replay token.
 *
 * <p>Every attribute can also be set with the JUnit configuration parameter {@code futex.<attribute>}
 * (for example {@code -Dfutex.schedules=5000} under Surefire), which takes precedence over the annotation;
 * for {@code instrument} and {@code detects} the two are merged.
 *
 * <p>Synchronisation operations are scheduling points inside the test class's package (and its subpackages)
 * and the packages listed in {@link #instrument()}: atomics and field updaters, {@code VarHandle} accesses,
 * volatile fields, {@code LockSupport}, {@code Thread} start/join/yield/sleep/onSpinWait, monitors,
 * {@code Object.wait/notify}, {@code java.util.concurrent.locks} and {@code System.nanoTime}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(KernelScenarioExtension.class)
public @interface KernelScenario {
    /** @return how schedules are chosen ({@code futex.strategy}) */
    Strategy strategy() default Strategy.PCT;

    /**
     * @return the schedule budget ({@code futex.schedules}): how many schedules RANDOM and PCT run, and the most
     *     EXHAUSTIVE may run before it stops without a proof
     */
    int schedules() default 1000;

    /** @return the seed of RANDOM and PCT ({@code futex.seed}); schedule i uses a seed derived from it and i */
    long seed() default 0;

    /** @return the preemption bound of EXHAUSTIVE ({@code futex.maxPreemptions}); -1 for no bound */
    int maxPreemptions() default 2;

    /** @return the bug depth PCT targets ({@code futex.pctDepth}): it places depth - 1 priority change points */
    int pctDepth() default 3;

    /**
     * @return how many spurious returns from {@code park}, {@code Object.wait} and {@code Condition.await} one
     *     schedule may inject ({@code futex.spuriousWakeups})
     */
    int spuriousWakeups() default 1;

    /**
     * @return the wall-clock limit of the whole exploration ({@code futex.timeout}), such as {@code 90s},
     *     {@code 5m} or {@code 500ms}; exceeding it fails the test
     */
    String timeout() default "5m";

    /** @return steps one schedule may take before it is reported as a livelock ({@code futex.maxSteps}) */
    int maxSteps() default 20_000;

    /**
     * @return a replay token from an earlier failure report ({@code futex.replay}): run exactly that schedule,
     *     and print its trace
     */
    String replay() default "";

    /** @return extra packages (with their subpackages) whose synchronisation operations are scheduling points */
    String[] instrument() default {};

    /**
     * @return ids of the variants (reverted fixes) this scenario is written to catch; {@code mvn futex:verify}
     *     fails the build when one of them goes undetected
     */
    String[] detects() default {};

    /**
     * @return whether plain (non-volatile) field and array accesses of instrumented code are checked for data races
     *     ({@code futex.races}, {@code off} to skip): two conflicting accesses that happens-before does not order fail
     *     the schedule as a data race
     */
    boolean races() default true;

    /**
     * @return data races the scenario accepts ({@code futex.benignRaces}): a field, as {@code Counter.hits} or
     *     {@code com.example.Counter.hits}, or a method ({@code Counter.fill}, a test's deliberate peek) any of whose
     *     accesses may race
     */
    String[] benignRaces() default {};

    /**
     * @return when a timed wait may time out ({@code futex.timeouts}): whenever its deadline is the earliest pending
     *     one, or only when no thread can otherwise move
     */
    Timeouts timeouts() default Timeouts.EARLIEST;

    /**
     * @return what the exploration does about static fields of instrumented classes that a schedule writes
     *     ({@code futex.statics}): name them in the report, or also set them back before each schedule
     */
    Statics statics() default Statics.WARN;
}
