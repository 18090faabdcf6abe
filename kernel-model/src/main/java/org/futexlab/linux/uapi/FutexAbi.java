package org.futexlab.linux.uapi;

/** include/uapi/linux/futex.h: operations, modifiers, word bits and FUTEX_OP encoding. */
public final class FutexAbi {
    private FutexAbi() {}

    public static final int FUTEX_WAIT = 0;
    public static final int FUTEX_WAKE = 1;
    public static final int FUTEX_FD = 2;
    public static final int FUTEX_REQUEUE = 3;
    public static final int FUTEX_CMP_REQUEUE = 4;
    public static final int FUTEX_WAKE_OP = 5;
    public static final int FUTEX_LOCK_PI = 6;
    public static final int FUTEX_UNLOCK_PI = 7;
    public static final int FUTEX_TRYLOCK_PI = 8;
    public static final int FUTEX_WAIT_BITSET = 9;
    public static final int FUTEX_WAKE_BITSET = 10;
    public static final int FUTEX_WAIT_REQUEUE_PI = 11;
    public static final int FUTEX_CMP_REQUEUE_PI = 12;
    public static final int FUTEX_LOCK_PI2 = 13;

    public static final int FUTEX_PRIVATE_FLAG = 128;
    public static final int FUTEX_CLOCK_REALTIME = 256;
    /** 2026: the robust-unlock modifier (part 2 of the model). */
    public static final int FUTEX_ROBUST_UNLOCK = 512;
    public static final int FUTEX_ROBUST_LIST32 = 1024;
    public static final int FUTEX_CMD_MASK = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME | FUTEX_ROBUST_UNLOCK
            | FUTEX_ROBUST_LIST32);

    /** The robust-unlock operations (2026): unlock and wake, clearing the list's pending-op slot. */
    public static final int FUTEX_UNLOCK_WAKE_LIST64 = FUTEX_WAKE | FUTEX_ROBUST_UNLOCK;
    public static final int FUTEX_UNLOCK_WAKE_LIST32 = FUTEX_UNLOCK_WAKE_LIST64 | FUTEX_ROBUST_LIST32;
    public static final int FUTEX_UNLOCK_BITSET_LIST64 = FUTEX_WAKE_BITSET | FUTEX_ROBUST_UNLOCK;
    public static final int FUTEX_UNLOCK_PI_LIST64 = FUTEX_UNLOCK_PI | FUTEX_ROBUST_UNLOCK;
    public static final int FUTEX_UNLOCK_PI_LIST32 = FUTEX_UNLOCK_PI_LIST64 | FUTEX_ROBUST_LIST32;

    public static final int FUTEX_WAITERS = 0x80000000;
    public static final int FUTEX_OWNER_DIED = 0x40000000;
    public static final int FUTEX_TID_MASK = 0x3fffffff;
    public static final int FUTEX_BITSET_MATCH_ANY = 0xffffffff;

    /** Robust lists: entries walked at exit before giving up, and the PI marker in an entry pointer's bit 0. */
    public static final int ROBUST_LIST_LIMIT = 2048;
    public static final long FUTEX_ROBUST_MOD_PI = 0x1;
    /** sizeof(struct robust_list_head): native 64-bit and compat 32-bit. */
    public static final int ROBUST_LIST_HEAD_SIZE = 24;
    public static final int COMPAT_ROBUST_LIST_HEAD_SIZE = 12;

    /** sizeof(compat_uptr_t) or sizeof(void __user *): the width of a robust-list pointer in a 32- or 64-bit list. */
    public static int sizeofPtr(boolean ptr32) {
        return ptr32 ? 4 : 8;
    }
    /** set_robust_list2 as proposed (v2, 2024): list types and the table size. */
    public static final int ROBUST_LIST_32BIT = 0;
    public static final int ROBUST_LIST_64BIT = 1;
    public static final int ROBUST_LIST_TYPE_MASK = 1;
    public static final int ROBUST_LISTS_PER_TASK = 10;

    public static final int FUTEX_OP_SET = 0;
    public static final int FUTEX_OP_ADD = 1;
    public static final int FUTEX_OP_OR = 2;
    public static final int FUTEX_OP_ANDN = 3;
    public static final int FUTEX_OP_XOR = 4;
    public static final int FUTEX_OP_OPARG_SHIFT = 8;
    public static final int FUTEX_OP_CMP_EQ = 0;
    public static final int FUTEX_OP_CMP_NE = 1;
    public static final int FUTEX_OP_CMP_LT = 2;
    public static final int FUTEX_OP_CMP_LE = 3;
    public static final int FUTEX_OP_CMP_GT = 4;
    public static final int FUTEX_OP_CMP_GE = 5;

    /** @return the FUTEX_OP(op, oparg, cmp, cmparg) encoding of FUTEX_WAKE_OP's val3 */
    public static int futexOp(int op, int oparg, int cmp, int cmparg) {
        return ((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | (cmparg & 0xfff);
    }

    /** @return the thread id bits of a futex word */
    public static int tid(int uval) {
        return uval & FUTEX_TID_MASK;
    }

    /** @return a futex word in hex with its bits named, for reports */
    public static String describeWord(int uval) {
        StringBuilder sb = new StringBuilder(String.format("0x%08x (tid %d", uval, tid(uval)));
        if ((uval & FUTEX_WAITERS) != 0) {
            sb.append(", WAITERS");
        }
        if ((uval & FUTEX_OWNER_DIED) != 0) {
            sb.append(", OWNER_DIED");
        }
        return sb.append(')').toString();
    }
}
