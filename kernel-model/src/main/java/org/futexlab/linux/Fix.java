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
    FUTEX_FAULT_IN_WRITE_ONLY("futex-fault-in-write-only");

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
