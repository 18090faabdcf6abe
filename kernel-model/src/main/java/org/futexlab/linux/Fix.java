package org.futexlab.linux;

/**
 * The upstream fixes the model applies, each of which a variant reverts. The model's own list; the catalog
 * {@code META-INF/futex/variants.properties} (read by tools without loading this class) carries the same ids,
 * and a test checks the two agree. Commit ids cite the history; no kernel code is copied.
 */
public enum Fix {
    /**
     * fbeb558b0dd0 "futex/pi: Fix recursive rt_mutex waiter state" (v6.7): futex_lock_pi()'s cleanup removes its
     * rt_mutex waiter before taking hb->lock. Reverting it also reverts e626cb02ee83, which fixes code it added.
     */
    FUTEX_PI_RECURSIVE_WAITER("futex-pi-recursive-waiter"),
    /** e626cb02ee83 "futex: Prevent the reuse of stale pi_state" (v6.8-rc2), the fix of fbeb558b0dd0's fix. */
    FUTEX_PI_STALE_PI_STATE("futex-pi-stale-pi-state"),
    /**
     * 2efaca927f5c "mm/futex: fix futex writes on archs with SW tracking of dirty &amp; young" (v3.1):
     * fault_in_user_writeable() calls fixup_user_fault() instead of get_user_pages().
     */
    FUTEX_FAULT_IN_GUP("futex-fault-in-gup"),
    /**
     * The read fault-in proposed on the July 2020 MIPS RIXI thread (merge status unknown): fault in for read
     * as well as write, so that an in-atomic read of a write-only mapping terminates.
     */
    FUTEX_FAULT_IN_WRITE_ONLY("futex-fault-in-write-only"),
    /**
     * The robust unlock (2026; 3ca9595d9fb6 "futex: Add support for unlocking robust futexes", 7010c39d8fc5
     * "futex: Provide infrastructure to plug the non contended robust futex unlock race"): FUTEX_ROBUST_UNLOCK,
     * the vDSO try-unlock and the kernel's clean-up of an interrupted one. Reverted, user space keeps the legacy
     * unlock, whose window between the release and clearing list_op_pending lets the exit path act on memory
     * that was unmapped and reused (glibc BZ 14485).
     */
    FUTEX_ROBUST_UNLOCK("futex-robust-unlock"),
    /**
     * set_robust_list2 v4 (proposed, 2025): lists made with the new call ignore ROBUST_LIST_LIMIT. Reverted, the
     * exit walk of such a list stops silently after 2048 entries (glibc BZ 19089).
     */
    ROBUST_LIST2_UNLIMITED("futex-robust-list2-unlimited-walk"),
    /**
     * set_robust_list2 v4 (proposed, 2025): the exit walk of a new list destroys it as it goes, pointing each
     * handled entry back at the head, so that a cycle ends. Reverted, with the limit gone a circular list is
     * walked forever.
     */
    ROBUST_LIST2_DESTRUCTIVE_WALK("futex-robust-list2-destructive-walk"),
    /**
     * set_robust_list2 (proposed, v2 2024): the list type, ROBUST_LIST_32BIT, for an emulator's 32-bit guest on
     * a host without a compat entry (FEX-Emu on arm64). Reverted, the kernel walks every list with native 64-bit
     * pointers.
     */
    ROBUST_LIST2_32BIT("futex-robust-list2-32bit"),
    /**
     * The set_robust_list2 table initialized before it is published, and read and written under
     * futex_exit_mutex (Thomas Gleixner's review of v5, 2025-06-27). Reverted (v2 as posted), a new entry is
     * linked before its fields are written, with no lock against a reader on another task.
     */
    ROBUST_LIST2_PUBLISH("futex-robust-list2-publish"),
    /**
     * 15a77c6fe494 "userfaultfd: fix SIGBUS resulting from false rwsem wakeups" (v4.10): handle_userfault()
     * sleeps until it is woken for its range. Reverted (v4.3 to v4.9), any wake-up ends the wait, and with one
     * retry allowed (before 4064b9827063, v5.7) the second fault is a SIGBUS.
     */
    USERFAULTFD_WAKEN_LOOP("userfaultfd-waken-loop"),
    /**
     * 36b038791e1e "x86/fpu: Drop fpregs lock before inheriting FPU permissions" (v6.1): fpu_clone() unlocks
     * fpregs before fpu_inherit_perms() takes siglock. Reverted, under PREEMPT_RT a sleeping lock is taken
     * with preemption disabled.
     */
    X86_FPU_CLONE_INHERIT_PERMS("x86-fpu-clone-inherit-perms");

    private final String id;

    Fix(String id) {
        this.id = id;
    }

    /** @return the kebab-case variant id that reverts this fix */
    public String id() {
        return id;
    }

    /** @return the fix a variant id reverts, or null */
    public static Fix byId(String id) {
        for (Fix f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }
}
