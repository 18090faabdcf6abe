package org.futexlab.linux.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.linux.kernel.futex.FutexQ;
import org.futexlab.linux.kernel.futex.FutexWordCheck;
import org.futexlab.linux.kernel.futex.HashBucket;
import org.futexlab.linux.kernel.futex.Ref;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.userspace.Libc;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link LinearizabilityScenarios} can fail: each operations class, given the bug its check is
 * there to catch, is found non-linearizable within the built-in scenario's budget and shape, while the scenario
 * itself passes on the same model. The mutexes get a trylock that tests the word and then stores to it (two steps
 * where the mutex has one compare-and-exchange); the futex word gets a wait that checks the value before it
 * takes the bucket lock (a lost wake-up). The robust-list table's twin is a variant of the catalog
 * ({@code VariantMatrixTest}).
 */
class LinearizabilityChecksTest {
    /** The plain mutex with a check-then-act trylock. */
    public static class PlainCheckThenAct extends MutexChecks.Plain {
        @Override
        long tryAcquire() {
            return checkThenAct(word(), 1);
        }
    }

    /** The PI mutex with a check-then-act trylock: the TID goes in without FUTEX_TRYLOCK_PI or a cmpxchg. */
    public static class PriorityInheritanceCheckThenAct extends MutexChecks.PriorityInheritance {
        @Override
        long tryLockAs(int tid) {
            return checkThenAct(word(), Libc.gettid());
        }
    }

    /** futex_wait() that checks the word before the bucket lock, then queues on whatever the word holds by then. */
    public static class LostWakeUp extends FutexWordCheck {
        @Override
        protected int futexWaitSetup(int expected, FutexQ q, Ref<HashBucket> hb) {
            if (Libc.load(word()) != expected) {
                return -Errno.EAGAIN;
            }
            return super.futexWaitSetup(Libc.load(word()), q, hb);
        }
    }

    private static long checkThenAct(long word, int locked) {
        if (Libc.load(word) != 0) {
            return -Errno.EBUSY;
        }
        Libc.store(word, locked);
        return 0;
    }

    @Test
    void thePlainMutexCheckCatchesARacyTrylock() {
        assertThat(caught("plainMutex", s -> LinearizabilityScenarios.plainMutexCheck(s, PlainCheckThenAct.class),
                "PlainCheckThenAct")).contains("tryLock");
    }

    @Test
    void thePriorityInheritanceMutexCheckCatchesARacyTrylock() {
        assertThat(caught("priorityInheritanceMutex", s -> LinearizabilityScenarios.priorityInheritanceMutexCheck(s,
                PriorityInheritanceCheckThenAct.class), "PriorityInheritanceCheckThenAct")).contains("tryLock");
    }

    @Test
    void theWaitAndWakeCheckCatchesALostWakeUp() {
        assertThat(caught("waitAndWakeOnOneWord", s -> LinearizabilityScenarios.waitAndWakeCheck(s, LostWakeUp.class),
                "LostWakeUp")).contains("found in added scenario 1 of 1").contains("waitStart(1, 0): 0")
                .contains("wake(2, 1): 0");
    }

    /**
     * Explores a broken twin with the built-in scenario's settings (it must be caught within what futex:verify
     * spends) and asserts Lincheck found it.
     *
     * @return the report
     */
    private static String caught(String scenario, ScenarioBody twin, String operations) {
        Exploration e = FutexLab.explore(operations, settingsOf(scenario), twin);
        assertThat(e.outcome()).as(e.report()).isEqualTo(Exploration.Outcome.FAILED);
        assertThat(e.failure().orElseThrow().headline()).isEqualTo("not linearizable: " + operations);
        return e.report();
    }

    /** The built-in scenario's settings. */
    private static Settings settingsOf(String scenario) {
        try {
            return Settings.of(LinearizabilityScenarios.class.getDeclaredMethod(scenario, Scenario.class)
                    .getAnnotation(KernelScenario.class));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
