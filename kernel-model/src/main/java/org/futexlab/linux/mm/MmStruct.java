package org.futexlab.linux.mm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.locking.RwSemaphore;
import org.futexlab.linux.uapi.Mman;

/**
 * struct mm_struct: an address space. VMAs change under mmap_lock held for write; the page table is walked
 * without locks by the "hardware" (in-atomic accesses) and changed under mmap_lock. {@code pteSeq} counts
 * every change to a PTE or VMA, which the fault-progress check (D-S1) uses to tell "nothing changed since".
 */
public final class MmStruct {
    final Kernel kernel;
    private final int id;
    private final String name;
    final RwSemaphore mmapLock;
    final ConcurrentSkipListMap<Long, Vma> vmas = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Pte> pageTable = new ConcurrentSkipListMap<>();
    private final AtomicLong nextBase = new AtomicLong(0x7f00_0000_0000L);
    private final AtomicLong generation = new AtomicLong();
    final AtomicLong pteSeq = new AtomicLong();
    /**
     * Debug shadow of the pointers user space stored in its memory (like KASAN's shadow, it is not part of the
     * state being modelled): for each slot, the pointer's width and the generation of the VMA it pointed into.
     * The robust-list checks use it to tell a stale pointer (E-S1) or a misread one (E-S5).
     */
    private final ConcurrentHashMap<Long, UserPointer> userPointers = new ConcurrentHashMap<>();

    public MmStruct(Kernel kernel, int id, String name) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.mmapLock = new RwSemaphore(kernel, "&mm->mmap_lock");
    }

    public Kernel kernel() {
        return kernel;
    }

    public int id() {
        return id;
    }

    public RwSemaphore mmapLock() {
        return mmapLock;
    }

    /** find_vma() exact: the VMA containing addr, or null. */
    public Vma findVma(long addr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
        if (e == null || addr >= e.getValue().end) {
            return null;
        }
        return e.getValue();
    }

    /**
     * @return the PTE mapping addr, or null. The page table itself is a plain map, so every walk first reads
     *     pteSeq and every change first increments it: that pair is what orders a walk against a change for the
     *     controlled scheduler (a walk that reads the old count cannot see the change).
     */
    public Pte pte(long addr) {
        pteSeq.get();
        return pageTable.get(addr / Mman.PAGE_SIZE);
    }

    /** @return how many times a PTE or VMA changed */
    public long pteSeq() {
        return pteSeq.get();
    }

    /** Records that user space stored a pointer of this width (4 or 8 bytes) to target at slot. */
    public void notePointer(long slot, int width, long target) {
        Vma v = target == 0 ? null : findVma(target & ~1L);
        userPointers.put(slot, new UserPointer(width, target, v == null ? -1 : v.generation));
    }

    /** @return what user space last stored at slot as a pointer, or null */
    public UserPointer pointerAt(long slot) {
        return userPointers.get(slot);
    }

    /**
     * The process's open files (its files_struct: the model's process is its address space). Only what the
     * model opens lives here (userfaultfd contexts).
     */
    private final java.util.Map<Integer, Object> files = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger nextFd = new java.util.concurrent.atomic.AtomicInteger(3);

    /** @return the new file descriptor */
    public int installFd(Object file) {
        int fd = nextFd.getAndIncrement();
        files.put(fd, file);
        return fd;
    }

    /** @return the open file, or null */
    public Object fdGet(int fd) {
        return files.get(fd);
    }

    /** Closes a file descriptor. */
    public void closeFd(int fd) {
        files.remove(fd);
    }

    /** Clears every VMA's userfaultfd registration with ctx (userfaultfd_release(), mmap_lock held for write). */
    public void unregisterUserfaultfd(org.futexlab.linux.fs.userfaultfd.UserfaultfdCtx ctx) {
        for (Vma v : vmas.values()) {
            if (v.userfaultfd() == ctx) {
                v.setUserfaultfd(null);
            }
        }
    }

    long nextGeneration() {
        return generation.incrementAndGet();
    }

    long reserve(long len) {
        long aligned = (len + Mman.PAGE_SIZE - 1) / Mman.PAGE_SIZE * Mman.PAGE_SIZE;
        return nextBase.getAndAdd(aligned + Mman.PAGE_SIZE);
    }

    @Override
    public String toString() {
        return "mm " + name;
    }
}
