package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.SharedMemory;

/**
 * union futex_key (docs/model.md 0.6): (mm, address) for private futexes and private memory; (shared object,
 * offset) for shared mappings, so that every mapping of the object names the same futex.
 */
public final class FutexKey {
    private final Object object;
    private final long offset;
    private final long seed;
    /** FUT_OFF_MMSHARED: a shared-futex key of private memory, which no private-futex key matches. */
    private final boolean mmShared;

    private FutexKey(Object object, long offset, long seed, boolean mmShared) {
        this.object = object;
        this.offset = offset;
        this.seed = seed;
        this.mmShared = mmShared;
    }

    static FutexKey privateKey(MmStruct mm, long uaddr) {
        return new FutexKey(mm, uaddr, mm.id(), false);
    }

    /** The key of a shared futex in private memory (an anonymous private mapping): (mm, address) marked shared. */
    static FutexKey mmSharedKey(MmStruct mm, long uaddr) {
        return new FutexKey(mm, uaddr, mm.id(), true);
    }

    static FutexKey sharedKey(SharedMemory obj, long offset) {
        return new FutexKey(obj, offset, obj.inodeSeq() + 0x10000, false);
    }

    /** futex_match(). */
    public boolean matches(FutexKey o) {
        return o != null && object == o.object && offset == o.offset && mmShared == o.mmShared;
    }

    /** @return a deterministic hash (no identity hash codes: schedules must replay) */
    int hash() {
        long h = (offset >>> 2) * 0x9E3779B97F4A7C15L ^ seed * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FutexKey && matches((FutexKey) o);
    }

    @Override
    public int hashCode() {
        return hash();
    }

    @Override
    public String toString() {
        return object instanceof MmStruct ? String.format("%s %s 0x%x", mmShared ? "shared" : "private", object, offset)
                : String.format("shared %s +0x%x", object, offset);
    }
}
