package org.futexlab.linux.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.Mman;

/**
 * mm/mmap.c and mm/mprotect.c: mapping, unmapping and protecting ranges, under mmap_lock held for write. A
 * scenario's setup, before any task runs, maps without the lock (nothing else can run yet).
 */
public final class Mmap {
    private Mmap() {}

    private static boolean lock(MmStruct mm) {
        if (Task.currentOrNull() == null) {
            return false;
        }
        mm.mmapLock.downWrite();
        return true;
    }

    private static void unlock(MmStruct mm, boolean locked) {
        if (locked) {
            mm.mmapLock.upWrite();
        }
    }

    /**
     * mmap(): exactly at addr with MAP_FIXED (replacing what was there), at addr if it is a free hint, else at an
     * address of the kernel's choosing.
     *
     * @param backing the object behind a MAP_SHARED mapping; null for MAP_SHARED|MAP_ANONYMOUS (a fresh one)
     * @return the address, or a negative errno
     */
    public static long mmap(MmStruct mm, long addr, long len, int prot, int flags, SharedMemory backing) {
        if (len <= 0 || (flags & (Mman.MAP_SHARED | Mman.MAP_PRIVATE)) == 0) {
            return -Errno.EINVAL;
        }
        boolean shared = (flags & Mman.MAP_SHARED) != 0;
        if (shared && backing == null) {
            backing = new SharedMemory("shm", mm.kernel.nextSequence());
        }
        long size = (len + Mman.PAGE_SIZE - 1) / Mman.PAGE_SIZE * Mman.PAGE_SIZE;
        boolean locked = lock(mm);
        try {
            long start;
            if ((flags & Mman.MAP_FIXED) != 0) {
                if (addr % Mman.PAGE_SIZE != 0) {
                    return -Errno.EINVAL;
                }
                start = addr;
                zap(mm, start, start + size);
            } else if (addr != 0 && addr % Mman.PAGE_SIZE == 0 && isFree(mm, addr, addr + size)) {
                start = addr; // a free hint is honoured: this is how a new mapping lands where an old one was
            } else {
                start = mm.reserve(size);
            }
            Vma vma = new Vma(mm, start, start + size, prot, shared, shared ? backing : null, 0,
                    mm.nextGeneration());
            mm.vmas.put(start, vma);
            mm.pteSeq.incrementAndGet();
            return start;
        } finally {
            unlock(mm, locked);
        }
    }

    private static boolean isFree(MmStruct mm, long start, long end) {
        for (Vma v : mm.vmas.values()) {
            if (v.start < end && v.end > start) {
                return false;
            }
        }
        return true;
    }

    /**
     * munmap().
     *
     * @return 0 or -EINVAL
     */
    public static int munmap(MmStruct mm, long addr, long len) {
        if (addr % Mman.PAGE_SIZE != 0 || len <= 0) {
            return -Errno.EINVAL;
        }
        boolean locked = lock(mm);
        try {
            zap(mm, addr, addr + (len + Mman.PAGE_SIZE - 1) / Mman.PAGE_SIZE * Mman.PAGE_SIZE);
            return 0;
        } finally {
            unlock(mm, locked);
        }
    }

    /** Removes the VMAs (whole ones) and the page-table entries of a range. */
    private static void zap(MmStruct mm, long start, long end) {
        List<Long> gone = new ArrayList<>();
        for (Map.Entry<Long, Vma> e : mm.vmas.entrySet()) {
            Vma v = e.getValue();
            if (v.start < end && v.end > start) {
                gone.add(e.getKey());
            }
        }
        mm.pteSeq.incrementAndGet(); // before the change: see MmStruct.pte()
        for (Long k : gone) {
            Vma v = mm.vmas.remove(k);
            mm.pageTable.subMap(v.start / Mman.PAGE_SIZE, v.end / Mman.PAGE_SIZE).clear();
        }
    }

    /**
     * mprotect().
     *
     * @return 0, -ENOMEM (unmapped) or -EINVAL
     */
    public static int mprotect(MmStruct mm, long addr, long len, int prot) {
        if (addr % Mman.PAGE_SIZE != 0) {
            return -Errno.EINVAL;
        }
        boolean locked = lock(mm);
        try {
            Vma vma = mm.findVma(addr);
            if (vma == null) {
                return -Errno.ENOMEM;
            }
            vma.prot = prot;
            for (Pte pte : mm.pageTable.subMap(vma.start / Mman.PAGE_SIZE, vma.end / Mman.PAGE_SIZE).values()) {
                int clear = ((prot & Mman.PROT_WRITE) == 0 ? Pte.WRITE : 0)
                        | (!Memory.readable(vma, mm.kernel.config()) ? Pte.READ : 0);
                pte.bits.getAndUpdate(b -> b & ~clear);
            }
            mm.pteSeq.incrementAndGet();
            return 0;
        } finally {
            unlock(mm, locked);
        }
    }
}
