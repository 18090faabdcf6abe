package org.futexlab.linux.scenarios;

import org.futexlab.junit.Scenario;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.Patches;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.testing.KernelAssertions;

/**
 * What every kernel scenario does first: boot a fresh kernel for this schedule with the scenario's variants
 * reverted, and check that its log stays clean (the model's debug checks: might_sleep, lockdep, the rt_mutex
 * waiter invariants, and each topic's symptom checks).
 */
final class Boot {
    private Boot() {}

    static Kernel kernel(Scenario s, KernelConfig config) {
        Kernel k = Kernel.boot(config, Patches.of(s.variants().ids()));
        s.check("dmesg is clean", () -> KernelAssertions.assertThat(k.dmesg()).isClean());
        return k;
    }

    /** Declares a logical thread that runs body as task t. */
    static void run(Scenario s, Task t, Task.Body body) {
        s.thread(t.comm(), () -> t.run(body));
    }

    /**
     * Runs body as task t now, while the scenario builds its state (before any thread runs): what the task did
     * before the interesting part.
     */
    static void setUp(Task t, Task.Body body) {
        try {
            t.run(body);
        } catch (Exception e) {
            throw new IllegalStateException("set-up of " + t + " failed: " + e, e);
        }
    }
}
