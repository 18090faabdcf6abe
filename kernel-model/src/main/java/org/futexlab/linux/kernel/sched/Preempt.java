package org.futexlab.linux.kernel.sched;

import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;

/**
 * include/linux/preempt.h and kernel/sched/core.c: the atomic-context counters and the might_sleep() checks
 * (docs/model.md 0.3). With DEBUG_ATOMIC_SLEEP a violation is reported at every sleeping-lock acquisition,
 * contended or not, because the check comes before the fast path.
 */
public final class Preempt {
    private Preempt() {}

    /** preempt_disable(); at names the caller, as the kernel records its address for the splat. */
    public static void preemptDisable(String at) {
        Task c = Task.current();
        if (c.preemptCount++ == 0) {
            c.preemptDisabledAt = at;
        }
    }

    public static void preemptEnable() {
        Task c = Task.current();
        if (--c.preemptCount < 0) {
            c.preemptCount = 0;
            Splat.report(Symptom.PREEMPT_UNDERFLOW, "BUG: preempt count underflow", false);
        }
    }

    public static void localIrqDisable() {
        Task.current().irqsDisabled++;
    }

    public static void localIrqEnable() {
        Task.current().irqsDisabled--;
    }

    /** local_bh_disable(): disables preemption without PREEMPT_RT; on PREEMPT_RT a per-CPU local lock. */
    public static void localBhDisable() {
        Task c = Task.current();
        c.bhDisabled++;
        if (!c.kernel().config().preemptRt()) {
            preemptDisable("local_bh_disable");
        }
    }

    public static void localBhEnable() {
        Task c = Task.current();
        c.bhDisabled--;
        if (!c.kernel().config().preemptRt()) {
            preemptEnable();
        }
    }

    public static void pagefaultDisable() {
        Task.current().pagefaultDisabled++;
    }

    public static void pagefaultEnable() {
        Task.current().pagefaultDisabled--;
    }

    /** might_sleep() at a source position. */
    public static void mightSleep(String where) {
        mightResched(where, 0);
    }

    /**
     * __might_resched(): reports B-S1 when a function that may sleep runs with preemption or interrupts
     * disabled (reported with DEBUG_ATOMIC_SLEEP).
     *
     * @param expectedPreempt the preempt count the caller legitimately holds
     */
    public static void mightResched(String where, int expectedPreempt) {
        Task c = Task.current();
        boolean bad = c.preemptCount != expectedPreempt || c.irqsDisabled > 0;
        if (!bad || !c.kernel().config().debugAtomicSleep()) {
            return;
        }
        Splat.report(Symptom.B_S1, String.format("BUG: sleeping function called from invalid context at %s%n"
                + "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s%n"
                + "preempt_count: %d, expected: %d%n"
                + "RCU nest depth: %d, expected: 0%n"
                + "Preemption disabled at:%n%s", where, c.preemptCount > 0 ? 1 : 0, c.irqsDisabled > 0 ? 1 : 0,
                c.pid(), c.comm(), c.preemptCount, expectedPreempt, c.rcuReadLockNesting,
                c.preemptDisabledAt == null ? "(unknown)" : c.preemptDisabledAt), false);
    }
}
