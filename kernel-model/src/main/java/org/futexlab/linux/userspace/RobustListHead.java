package org.futexlab.linux.userspace;

import org.futexlab.linux.uapi.FutexAbi;

/**
 * A thread's struct robust_list_head in user memory, as glibc keeps one per thread: the list's first entry (the
 * head itself when empty), futex_offset (from an entry to its lock word), and list_op_pending (the mutex being
 * locked or unlocked). Native heads hold 64-bit fields (24 bytes); a 32-bit program's, or an emulated 32-bit
 * guest's, hold 32-bit ones (12 bytes).
 */
public final class RobustListHead {
    private final long addr;
    private final boolean ptr32;

    private RobustListHead(long addr, boolean ptr32) {
        this.addr = addr;
        this.ptr32 = ptr32;
    }

    /**
     * Writes an empty head at addr, as the calling task (its own user memory).
     *
     * @param futexOffset the offset from a list entry to its lock word ({@link PthreadRobustMutex#FUTEX_OFFSET_64}
     *     or {@code _32})
     */
    public static RobustListHead init(long addr, boolean ptr32, long futexOffset) {
        RobustListHead h = new RobustListHead(addr, ptr32);
        Libc.storePtr(h.nextSlot(), addr, ptr32);
        if (ptr32) {
            Libc.store(h.futexOffsetSlot(), (int) futexOffset);
        } else {
            Libc.store(h.futexOffsetSlot(), (int) futexOffset);
            Libc.store(h.futexOffsetSlot() + 4, (int) (futexOffset >> 32));
        }
        Libc.storePtr(h.pendingSlot(), 0, ptr32);
        return h;
    }

    /**
     * set_robust_list(): the native entry, or the compat one for a 32-bit head.
     *
     * @return 0 or a negated errno
     */
    public long register() {
        return Libc.setRobustList(addr, ptr32 ? FutexAbi.COMPAT_ROBUST_LIST_HEAD_SIZE
                : FutexAbi.ROBUST_LIST_HEAD_SIZE, ptr32);
    }

    /**
     * set_robust_list() of the native entry with a given length, as a program (or an emulator) that does not
     * know better might call it.
     */
    public long registerNative(long len) {
        return Libc.setRobustList(addr, len, false);
    }

    /**
     * set_robust_list2(head, -1, list type): one more list of the task.
     *
     * @return its index, or a negated errno
     */
    public long registerAsList2() {
        return Libc.setRobustList2(addr, -1, ptr32 ? FutexAbi.ROBUST_LIST_32BIT : FutexAbi.ROBUST_LIST_64BIT);
    }

    public long addr() {
        return addr;
    }

    public boolean ptr32() {
        return ptr32;
    }

    long nextSlot() {
        return addr;
    }

    long futexOffsetSlot() {
        return addr + width();
    }

    /** @return the address of list_op_pending */
    public long pendingSlot() {
        return addr + 2L * width();
    }

    int width() {
        return FutexAbi.sizeofPtr(ptr32);
    }

    @Override
    public String toString() {
        return String.format("robust_list_head at 0x%x (%d-bit)", addr, ptr32 ? 32 : 64);
    }
}
