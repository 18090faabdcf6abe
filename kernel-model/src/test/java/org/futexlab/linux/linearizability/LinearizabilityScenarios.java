package org.futexlab.linux.linearizability;

import static org.futexlab.junit.LinearizabilityCheck.call;

import java.util.List;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.linux.kernel.futex.FutexWordCheck;

/**
 * Linearizability checks of objects built on the model (Lincheck model checking), run as kernel scenarios: the
 * budget ({@code schedules}) counts Lincheck invocations, and the variants apply to the kernel each invocation
 * boots. Budgets are small: Lincheck runs about 6-30 invocations per second on the model (docs/performance.md),
 * and {@code futex:verify} runs every check once per variant.
 */
class LinearizabilityScenarios {
    /** pthread_mutex_lock (timed), trylock and unlock of glibc's plain futex mutex. */
    @KernelScenario(schedules = 40)
    void plainMutex(Scenario s) {
        plainMutexCheck(s, MutexChecks.Plain.class);
    }

    /** The plain mutex's check in the shape futex:verify runs it, for its scenario and its broken twin. */
    static void plainMutexCheck(Scenario s, Class<? extends MutexChecks.Plain> operations) {
        s.linearizable(operations, MutexChecks.SequentialMutex.class).threads(3).actorsPerThread(2);
    }

    /** The same of the PI mutex, on FUTEX_LOCK_PI / FUTEX_UNLOCK_PI and the rt_mutex underneath. */
    @KernelScenario(schedules = 30)
    void priorityInheritanceMutex(Scenario s) {
        priorityInheritanceMutexCheck(s, MutexChecks.PriorityInheritance.class);
    }

    /** The PI mutex's check in the shape futex:verify runs it, for its scenario and its broken twin. */
    static void priorityInheritanceMutexCheck(Scenario s,
            Class<? extends MutexChecks.PriorityInheritance> operations) {
        s.linearizable(operations, MutexChecks.SequentialMutex.class).threads(2).actorsPerThread(3);
    }

    /** FUTEX_WAIT's value check and enqueue are atomic with respect to FUTEX_WAKE. */
    @KernelScenario(schedules = 80)
    void waitAndWakeOnOneWord(Scenario s) {
        waitAndWakeCheck(s, FutexWordCheck.class);
    }

    /**
     * The wait/wake check in the shape futex:verify runs it, for its scenario and its broken twin. The added
     * scenario is the lost wake-up's: a wait for 0 against a store of 1 and a wake, which random scenarios rarely
     * put side by side (the twin passed 2 000 random invocations; docs/performance.md). Lincheck still has to
     * find the switch inside the wait.
     */
    static void waitAndWakeCheck(Scenario s, Class<? extends FutexWordCheck> operations) {
        s.linearizable(operations, FutexWordCheck.Sequential.class).threads(2).actorsPerThread(3)
                .scenario(List.of(List.of(call("waitStart", 1, 0), call("waitFinish", 1)),
                        List.of(call("store", 2, 1), call("wake", 2, 1))));
    }

    /** set_robust_list2 against get_robust_list2 from another task: a list is seen whole or not at all. */
    @KernelScenario(schedules = 100, detects = "futex-robust-list2-publish")
    void robustListTable(Scenario s) {
        s.linearizable(RobustListTableCheck.class, RobustListTableCheck.Sequential.class)
                .threads(RobustListTableCheck.OWNERS).actorsPerThread(2);
    }
}
