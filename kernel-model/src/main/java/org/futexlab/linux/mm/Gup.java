package org.futexlab.linux.mm;

import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.Mman;

/**
 * mm/gup.c: get_user_pages(). It calls handle_mm_fault() only when the Linux-level PTE says the access is
 * impossible; a present, writable PTE is taken as it is, FOLL_TOUCH marking only the struct page dirty and
 * referenced. With software dirty tracking that leaves a clean PTE read-only in hardware (docs/model.md D.3).
 */
public final class Gup {
    private Gup() {}

    /**
     * get_user_pages() of one page, with mmap_lock held for read: the VMA it looks at must not go away under it.
     *
     * @return 1 (pages pinned) or a negative errno
     */
    public static int getUserPages(MmStruct mm, long addr, boolean write) {
        Lockdep.lockdepAssertHeld(mm.mmapLock, "mm/gup.c get_user_pages");
        Vma vma = mm.findVma(addr);
        if (vma == null) {
            return -Errno.EFAULT;
        }
        if (write ? (vma.prot & Mman.PROT_WRITE) == 0 : !Memory.readable(vma, mm.kernel.config())) {
            return -Errno.EFAULT;
        }
        for (int tries = 0; tries < 3; tries++) {
            Pte pte = mm.pte(addr);
            if (pte != null) {
                int b = pte.bits.get();
                if ((b & Pte.PRESENT) != 0 && (!write || (b & Pte.WRITE) != 0)) {
                    pte.page.touch(write);
                    return 1;
                }
            }
            int fault = Memory.handleMmFault(vma, addr, write ? Memory.FAULT_FLAG_WRITE : 0);
            if ((fault & Memory.VM_FAULT_ERROR) != 0) {
                return -Errno.EFAULT;
            }
        }
        return -Errno.EFAULT;
    }
}
