package org.futexlab.linux.kernel.futex;

/**
 * One entry of a task's table of robust lists, as proposed with set_robust_list2 (v2, 2024): the user pointer to
 * a robust_list_head, its list type (32- or 64-bit pointers), its index, and the link to the next entry. The
 * debug fields record whether the entry was initialized before a reader could reach it (E-S6).
 */
public final class RobustList2Entry {
    volatile long head;
    volatile int listType;
    volatile int index;
    volatile RobustList2Entry next;
    /** Debug: the fields above were written (set last, after them). */
    volatile boolean initialized;

    public long head() {
        return head;
    }

    /** @return {@link org.futexlab.linux.uapi.FutexAbi#ROBUST_LIST_32BIT} or {@code ROBUST_LIST_64BIT} */
    public int listType() {
        return listType;
    }

    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return "robust_list2[" + index + "] head 0x" + Long.toHexString(head)
                + (listType == 0 ? " (32-bit)" : " (64-bit)") + (initialized ? "" : " (uninitialized)");
    }
}
