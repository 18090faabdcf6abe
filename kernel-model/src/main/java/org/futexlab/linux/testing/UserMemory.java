package org.futexlab.linux.testing;

import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.mm.Mmap;
import org.futexlab.linux.uapi.Mman;

/**
 * User memory as a scenario sets it up and inspects it from outside the tasks (as a debugger would, through
 * access_process_vm()): a fresh anonymous page, and single words. Needs no AssertJ.
 */
public final class UserMemory {
    private UserMemory() {}

    /** @return the address of a new private anonymous read-write page of mm */
    public static long page(MmStruct mm) {
        return pages(mm, 1);
    }

    /** @return the address of n new contiguous private anonymous read-write pages of mm */
    public static long pages(MmStruct mm, int n) {
        return Mmap.mmap(mm, 0, (long) n * Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, null);
    }

    /**
     * Writes the 32-bit word at addr.
     *
     * @throws IllegalStateException when nothing is mapped there
     */
    public static void poke(MmStruct mm, long addr, int value) {
        if (Memory.accessProcessVm(mm, addr, value, true) < 0) {
            throw new IllegalStateException("nothing mapped at 0x" + Long.toHexString(addr));
        }
    }

    /**
     * @return the 32-bit word at addr
     * @throws IllegalStateException when nothing is mapped there
     */
    public static int peek(MmStruct mm, long addr) {
        long v = Memory.accessProcessVm(mm, addr, 0, false);
        if (v < 0) {
            throw new IllegalStateException("nothing mapped at 0x" + Long.toHexString(addr));
        }
        return (int) v;
    }
}
