package org.futexlab.linux.mm;

import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.fs.userfaultfd.Userfaultfd;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.Mman;

/** mm/memory.c: the fault handler, and fixup_user_fault(), the futex code's way to resolve a fault. */
public final class Memory {
    private Memory() {}

    /** enum fault_flag. */
    public static final int FAULT_FLAG_WRITE = 1 << 0, FAULT_FLAG_ALLOW_RETRY = 1 << 2,
            FAULT_FLAG_RETRY_NOWAIT = 1 << 3, FAULT_FLAG_KILLABLE = 1 << 4, FAULT_FLAG_TRIED = 1 << 5,
            FAULT_FLAG_USER = 1 << 6, FAULT_FLAG_INTERRUPTIBLE = 1 << 9;
    /** vm_fault_t bits. */
    public static final int VM_FAULT_OOM = 0x1, VM_FAULT_SIGBUS = 0x2, VM_FAULT_MAJOR = 0x4,
            VM_FAULT_HWPOISON = 0x10, VM_FAULT_SIGSEGV = 0x40, VM_FAULT_NOPAGE = 0x100, VM_FAULT_RETRY = 0x400;
    public static final int VM_FAULT_ERROR = VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON;

    /** @return whether the mapping is readable in hardware (write-only mappings exist only on some CPUs) */
    static boolean readable(Vma vma, KernelConfig cfg) {
        return (vma.prot & Mman.PROT_READ) != 0
                || !cfg.writeOnlyMappings() && (vma.prot & Mman.PROT_WRITE) != 0;
    }

    /**
     * handle_mm_fault(): make the access possible. A missing PTE gets a page (a private read fault maps it
     * read-only, as the zero page would be; a shared one maps it writable but clean); a present PTE becomes
     * young, and for a write, writable and dirty. With software dirty tracking these bits are what the hardware
     * checks, so this is what makes a subsequent access succeed.
     */
    public static int handleMmFault(Vma vma, long addr, int flags) {
        MmStruct mm = vma.mm;
        KernelConfig cfg = mm.kernel.config();
        boolean write = (flags & FAULT_FLAG_WRITE) != 0;
        if (write && (vma.prot & Mman.PROT_WRITE) == 0 || !write && !readable(vma, cfg)) {
            return VM_FAULT_SIGSEGV;
        }
        long pn = addr / Mman.PAGE_SIZE;
        Pte pte = mm.pte(addr);
        if (pte == null && vma.userfaultfd() != null) {
            return Userfaultfd.handleUserfault(vma, addr, flags); // a missing page the monitor provides
        }
        if (pte == null) {
            Page page = vma.shared ? vma.backing.page(vma.pageOffset(addr)) : new Page();
            int bits = Pte.PRESENT | Pte.YOUNG | (readable(vma, cfg) ? Pte.READ : 0)
                    | ((vma.prot & Mman.PROT_WRITE) != 0 && (write || vma.shared) ? Pte.WRITE : 0)
                    | (write ? Pte.DIRTY : 0);
            Pte fresh = new Pte(page, bits);
            mm.pteSeq.incrementAndGet(); // before the change: see MmStruct.pte()
            if (mm.pageTable.putIfAbsent(pn, fresh) == null) {
                return 0;
            }
            pte = mm.pte(addr);
            if (pte == null) {
                return VM_FAULT_SIGBUS;
            }
        }
        for (;;) {
            int b = pte.bits.get();
            int nb = b | Pte.YOUNG;
            if (write) {
                nb |= Pte.WRITE | Pte.DIRTY;
            }
            if (nb == b) {
                return 0;
            }
            if (pte.bits.compareAndSet(b, nb)) {
                mm.pteSeq.incrementAndGet();
                return 0;
            }
        }
    }

    /**
     * access_process_vm() of one word (as ptrace or /proc/pid/mem would): fault the page in and read or write it,
     * bypassing protections. Used to set up and inspect user memory from outside the tasks.
     *
     * @return the word (0..2^32-1) after the access, or -EFAULT when nothing is mapped there
     */
    public static long accessProcessVm(MmStruct mm, long addr, int value, boolean write) {
        Vma vma = mm.findVma(addr);
        if (vma == null) {
            return -Errno.EFAULT;
        }
        Pte pte = mm.pte(addr);
        if (pte == null) {
            int fault = handleMmFault(vma, addr, write && (vma.prot & Mman.PROT_WRITE) != 0 ? FAULT_FLAG_WRITE : 0);
            pte = mm.pte(addr);
            if ((fault & VM_FAULT_ERROR) != 0 || pte == null) {
                return -Errno.EFAULT;
            }
        }
        int idx = (int) ((addr % Mman.PAGE_SIZE) / 4);
        if (write) {
            pte.page.set(idx, value);
        }
        return pte.page.get(idx) & 0xffffffffL;
    }

    /**
     * mfill_atomic_pte() for UFFDIO_COPY and UFFDIO_ZEROPAGE: install a new page in a registered range, with a
     * copy of the page at src (0: zeroes). Called with mmap_lock held for read.
     *
     * @return 0, -EEXIST (a page is there already) or -EFAULT (src unreadable)
     */
    public static long mfillAtomicPte(Vma vma, long dst, long src) {
        MmStruct mm = vma.mm;
        Lockdep.lockdepAssertHeld(mm.mmapLock, "mm/userfaultfd.c mfill_atomic_pte");
        long pn = dst / Mman.PAGE_SIZE;
        Page page = vma.shared ? vma.backing.page(vma.pageOffset(dst)) : new Page();
        if (src != 0) {
            Pte from = mm.pte(src);
            if (from == null) {
                return -Errno.EFAULT;
            }
            page.copyFrom(from.page);
        }
        int bits = Pte.PRESENT | Pte.YOUNG | Pte.DIRTY | (readable(vma, mm.kernel.config()) ? Pte.READ : 0)
                | ((vma.prot & Mman.PROT_WRITE) != 0 ? Pte.WRITE : 0);
        mm.pteSeq.incrementAndGet(); // before the change: see MmStruct.pte()
        if (mm.pageTable.putIfAbsent(pn, new Pte(page, bits)) != null) {
            return -Errno.EEXIST;
        }
        return 0;
    }

    /** vma_permits_fault(). */
    public static boolean vmaPermitsFault(Vma vma, int flags, KernelConfig cfg) {
        return (flags & FAULT_FLAG_WRITE) != 0 ? (vma.prot & Mman.PROT_WRITE) != 0 : readable(vma, cfg);
    }

    /**
     * fixup_user_fault(): resolve a fault as if the user had taken it, by calling handle_mm_fault()
     * unconditionally, which fixes the software dirty and young bits (2efaca927f5c). Called with mmap_lock held
     * for read; with no way to drop it (the futex code passes unlocked == NULL), a handler that wants to retry
     * is an error.
     *
     * @return 0 or a negative errno
     */
    public static int fixupUserFault(MmStruct mm, long addr, int flags) {
        Lockdep.lockdepAssertHeld(mm.mmapLock, "mm/gup.c fixup_user_fault");
        Vma vma = mm.findVma(addr);
        if (vma == null || !vmaPermitsFault(vma, flags, mm.kernel.config())) {
            return -Errno.EFAULT;
        }
        int fault = handleMmFault(vma, addr, flags);
        if ((fault & VM_FAULT_ERROR) != 0) {
            return (fault & VM_FAULT_OOM) != 0 ? -Errno.ENOMEM : -Errno.EFAULT;
        }
        if ((fault & VM_FAULT_RETRY) != 0) {
            return -Errno.EFAULT;
        }
        return 0;
    }
}
