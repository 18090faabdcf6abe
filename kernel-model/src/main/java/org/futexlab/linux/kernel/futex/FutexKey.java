package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.SharedMemory;

/**
 * union futex_key (section 0.6): (mm, address) for private futexes and private memory; (shared object,
 * offset) for shared mappings, so that every mapping of the object names the same futex.
 */
public final class FutexKey {
    private final Object object;
    private final long offset;
    private final long seed;

    private FutexKey(Object object, long offset, long seed) {
        this.object = object;
        this.offset = offset;
        this.seed = seed;
    }

    static FutexKey privateKey(MmStruct mm, long uaddr) {
        return new FutexKey(mm, uaddr, mm.id());
    }

    static FutexKey sharedKey(SharedMemory obj, long offset) {
        return new FutexKey(obj, offset, obj.inodeSeq() + 0x10000);
    }

    /** futex_match(). */
    public boolean matches(FutexKey o) {
        return o != null && object == o.object && offset == o.offset;
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
        return object instanceof MmStruct ? String.format("private %s 0x%x", object, offset)
                : String.format("shared %s +0x%x", object, offset);
    }
}
