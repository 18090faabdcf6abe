package org.futexlab.linux.mm;

import org.futexlab.linux.uapi.Mman;

/**
 * struct vm_area_struct: a mapped range with its protection, whether it is shared, what backs it, and a
 * generation number: each mmap or munmap of a range gets a new one, so that an address can be checked to
 * still map the same thing (docs/model.md 0.5; used by the robust-list checks).
 */
public final class Vma {
    final MmStruct mm;
    final long start;
    final long end;
    volatile int prot;
    final boolean shared;
    /** The shared object behind a MAP_SHARED mapping (its pages by offset), or null for private memory. */
    final SharedMemory backing;
    final long pgoff;
    final long generation;
    /** userfaultfd registration (missing-page faults), or null; changed under mmap_lock held for write. */
    private volatile org.futexlab.linux.fs.userfaultfd.UserfaultfdCtx uffdCtx;

    Vma(MmStruct mm, long start, long end, int prot, boolean shared, SharedMemory backing, long pgoff,
            long generation) {
        this.mm = mm;
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.shared = shared;
        this.backing = backing;
        this.pgoff = pgoff;
        this.generation = generation;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public int prot() {
        return prot;
    }

    public boolean shared() {
        return shared;
    }

    public SharedMemory backing() {
        return backing;
    }

    /** @return the page offset of addr within the backing object */
    public long pageOffset(long addr) {
        return pgoff + (addr - start) / Mman.PAGE_SIZE;
    }

    public long generation() {
        return generation;
    }

    public MmStruct mm() {
        return mm;
    }

    /** @return the userfaultfd context missing-page faults of this VMA go to, or null */
    public org.futexlab.linux.fs.userfaultfd.UserfaultfdCtx userfaultfd() {
        return uffdCtx;
    }

    /**
     * UFFDIO_REGISTER / release: with mmap_lock held for write, so that no fault (which holds it for read) sees the
     * registration change under it.
     */
    public void setUserfaultfd(org.futexlab.linux.fs.userfaultfd.UserfaultfdCtx ctx) {
        org.futexlab.linux.kernel.locking.Lockdep.lockdepAssertHeldWrite(mm.mmapLock,
                "fs/userfaultfd.c vma->vm_userfaultfd_ctx");
        this.uffdCtx = ctx;
    }

    @Override
    public String toString() {
        return String.format("%x-%x %s%s%s gen %d", start, end, (prot & Mman.PROT_READ) != 0 ? "r" : "-",
                (prot & Mman.PROT_WRITE) != 0 ? "w" : "-", shared ? "s" : "p", generation);
    }
}
