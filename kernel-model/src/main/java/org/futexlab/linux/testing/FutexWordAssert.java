package org.futexlab.linux.testing;

import org.assertj.core.api.AbstractAssert;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.uapi.FutexAbi;

/** Assertions on a futex word: the owner TID in its low 30 bits, and the WAITERS and OWNER_DIED bits. */
public final class FutexWordAssert extends AbstractAssert<FutexWordAssert, Integer> {
    private final long addr;

    FutexWordAssert(MmStruct mm, long addr) {
        super(read(mm, addr), FutexWordAssert.class);
        this.addr = addr;
    }

    private static Integer read(MmStruct mm, long addr) {
        long v = Memory.accessProcessVm(mm, addr, 0, false);
        return v < 0 ? null : (int) v;
    }

    private String word() {
        return String.format("futex word at 0x%x = %s", addr, FutexAbi.describeWord(actual));
    }

    private FutexWordAssert mapped() {
        if (actual == null) {
            failWithMessage("Expecting a futex word at 0x%x but nothing is mapped there", addr);
        }
        return this;
    }

    /** Verifies the whole word. */
    public FutexWordAssert hasValue(int expected) {
        mapped();
        if (actual != expected) {
            failWithMessage("Expecting %s to be 0x%08x", word(), expected);
        }
        return this;
    }

    /** Verifies that no task owns the futex (TID 0), whatever the other bits say. */
    public FutexWordAssert isFree() {
        mapped();
        if (FutexAbi.tid(actual) != 0) {
            failWithMessage("Expecting %s to be free (TID 0)", word());
        }
        return this;
    }

    /** Verifies that the owner TID is the task's. */
    public FutexWordAssert isOwnedBy(Task owner) {
        mapped();
        if (FutexAbi.tid(actual) != owner.pid()) {
            failWithMessage("Expecting %s to be owned by %s", word(), owner);
        }
        return this;
    }

    /** Verifies that FUTEX_WAITERS is set: unlocking must go through the kernel. */
    public FutexWordAssert hasWaiters() {
        return bit(FutexAbi.FUTEX_WAITERS, true, "FUTEX_WAITERS");
    }

    /** Verifies that FUTEX_WAITERS is clear. */
    public FutexWordAssert hasNoWaiters() {
        return bit(FutexAbi.FUTEX_WAITERS, false, "FUTEX_WAITERS");
    }

    /** Verifies that FUTEX_OWNER_DIED is set. */
    public FutexWordAssert hasOwnerDied() {
        return bit(FutexAbi.FUTEX_OWNER_DIED, true, "FUTEX_OWNER_DIED");
    }

    /** Verifies that FUTEX_OWNER_DIED is clear. */
    public FutexWordAssert hasNoOwnerDied() {
        return bit(FutexAbi.FUTEX_OWNER_DIED, false, "FUTEX_OWNER_DIED");
    }

    private FutexWordAssert bit(int bit, boolean set, String name) {
        mapped();
        if (((actual & bit) != 0) != set) {
            failWithMessage("Expecting %s to have %s %s", word(), name, set ? "set" : "clear");
        }
        return this;
    }
}
