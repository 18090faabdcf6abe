package org.futexlab.linux.kernel.printk;

/**
 * What a splat in the model's dmesg shows: the lettered symptoms of the modelled bugs (A-S1 for topic A, and so
 * on) and the model's generic debug checks. Every splat carries one, so that a scenario, a report or a variant's
 * catalog entry ({@code <variant>.symptoms}) can name what fired. The textual id is what dmesg annotations and
 * assertion messages print. The table of docs/model.md S.1 lists each with the check that reports it, and a test
 * keeps the two in step.
 */
public enum Symptom {
    /** Two rt_mutex waiters of one task enqueued at once: the PI chain walk follows the wrong one. */
    A_S1("A-S1", "a task with two enqueued rt_mutex waiters"),
    /** pi_blocked_on is NULL while a waiter is enqueued, or names another waiter than the enqueued one. */
    A_S2("A-S2", "pi_blocked_on is not the task's one enqueued rt_mutex waiter"),
    /** The v6.7 lockdep assertion (45f67f30a22f): a sleeping lock taken while blocked on an rt_mutex. */
    A_S3("A-S3", "a sleeping lock taken while blocked on an rt_mutex"),
    /** e626cb02ee83's case: the futex reads free in user space while a futex_q with a pi_state is queued. */
    A_S4("A-S4", "a futex released to user space with kernel PI state still queued"),
    /** The pre-fbeb558b0dd0 WARN in wake_futex_pi(): a futex waiter without an rt_mutex waiter. */
    A_S5("A-S5", "futex_unlock_pi() finds a futex waiter without an rt_mutex waiter"),
    /** __might_resched(): a function that may sleep runs with preemption or interrupts disabled. */
    B_S1("B-S1", "a sleeping function called with preemption or interrupts disabled"),
    /** schedule() entered with a non-zero preempt count. */
    B_S2("B-S2", "schedule() entered with preemption disabled"),
    /** SIGBUS (or -EFAULT) for a userfaultfd fault that a live monitor would resolve. */
    C_S1("C-S1", "SIGBUS for a fault a live userfaultfd monitor would resolve"),
    /** The unbounded page-fault retry loop goes round without ever sleeping. */
    C_S3("C-S3", "page-fault retries that never sleep"),
    /** fault_in_user_writeable() succeeded, nothing changed, and the in-atomic access faults again. */
    D_S1("D-S1", "a futex fault fix-up that makes no progress"),
    /** The robust exit walk writes or wakes through a pointer stored when another mapping was there. */
    E_S1("E-S1", "the robust exit walk acts on memory that no longer maps the mutex"),
    /** The exit walk stopped at ROBUST_LIST_LIMIT with a mutex of the dead task still on the list. */
    E_S2("E-S2", "a robust mutex left behind by ROBUST_LIST_LIMIT"),
    /** An unlimited, non-destructive exit walk came back to an entry it handled: it never ends. */
    E_S4("E-S4", "an exit walk of a circular list that never ends"),
    /** A robust-list pointer read with another width than user space stored it with. */
    E_S5("E-S5", "a robust-list pointer read with another width than it was stored with"),
    /** A reader of the set_robust_list2 table reaches an entry before its fields were written. */
    E_S6("E-S6", "a reader of the set_robust_list2 table sees an uninitialized entry"),
    /** The futex code's own sanity checks (WARN and BUG in kernel/futex). */
    FUTEX_SANITY("futex", "a futex sanity check: a WARN or BUG of kernel/futex"),
    /** Lockdep found a lock order that closes a cycle. */
    LOCKDEP_CIRCULAR("lockdep", "a possible circular locking dependency"),
    /** lockdep_assert_held(): a function that needs a lock runs without it. */
    LOCKDEP_NOT_HELD("lockdep-held", "a function that must hold a lock runs without it"),
    /** The PI chain walk went deeper than max_lock_depth. */
    PI_CHAIN_DEPTH("pi-chain", "the PI chain walk exceeds max_lock_depth"),
    /** preempt_enable() without its preempt_disable(). */
    PREEMPT_UNDERFLOW("preempt", "preempt count underflow"),
    /** A spinlock taken twice by its owner, or released by another task. */
    SPINLOCK_MISUSE("spinlock", "spinlock recursion, or a release by a task that does not own it");

    private final String id;
    private final String meaning;

    Symptom(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    /** @return the id dmesg annotations and reports print, such as {@code A-S1} or {@code lockdep} */
    public String id() {
        return id;
    }

    /** @return what the symptom means, in a few words */
    public String meaning() {
        return meaning;
    }

    /**
     * Looks a symptom up by its textual id.
     *
     * @return the symptom with that id
     * @throws IllegalArgumentException naming the id and every known one
     */
    public static Symptom byId(String id) {
        for (Symptom s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Symptom s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.id);
        }
        throw new IllegalArgumentException("unknown symptom " + id + "; known symptoms: " + known);
    }

    /** @return the textual id, so that lists of symptoms print as they always did */
    @Override
    public String toString() {
        return id;
    }
}
