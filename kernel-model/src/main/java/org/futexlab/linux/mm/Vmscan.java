package org.futexlab.linux.mm;

/**
 * The aging and writeback actor (mm/vmscan.c, mm/rmap.c): it may clear a PTE's young bit (page aging,
 * ptep_clear_flush_young) or its dirty bit (writeback, page_mkclean) at any moment. With software dirty
 * tracking either makes the next access trap.
 */
public final class Vmscan {
    private Vmscan() {}

    /**
     * Clears the young bit of the PTE mapping addr.
     *
     * @return whether one was cleared
     */
    public static boolean pageReferenced(MmStruct mm, long addr) {
        return clear(mm, addr, Pte.YOUNG);
    }

    /**
     * Clears the dirty bit of the PTE mapping addr (writeback).
     *
     * @return whether one was cleared
     */
    public static boolean pageMkclean(MmStruct mm, long addr) {
        return clear(mm, addr, Pte.DIRTY);
    }

    private static boolean clear(MmStruct mm, long addr, int bit) {
        Pte pte = mm.pte(addr);
        if (pte == null) {
            return false;
        }
        int b = pte.bits.getAndUpdate(x -> x & ~bit);
        if ((b & bit) != 0) {
            mm.pteSeq.incrementAndGet();
            return true;
        }
        return false;
    }
}
