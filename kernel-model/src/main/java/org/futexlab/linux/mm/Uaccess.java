package org.futexlab.linux.mm;

import java.util.function.IntUnaryOperator;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.arch.x86.mm.Fault;
import org.futexlab.linux.kernel.sched.Preempt;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.Mman;

/**
 * User memory as the kernel reaches it (docs/model.md 0.5). Values come back as longs: a 32-bit word as 0..2^32-1,
 * an error as a negative errno.
 *
 * <ul>
 *   <li><b>In-atomic</b> accesses ({@code *Inatomic}, under pagefault_disable(); the only kind allowed under
 *       hb->lock): when the hardware refuses, -EFAULT at once, no fault handling.</li>
 *   <li><b>Normal</b> accesses ({@link #getUser}, {@link #putUser}): a refused access runs the fault handler
 *       (which takes mmap_lock and may sleep) and retries.</li>
 * </ul>
 */
public final class Uaccess {
    private Uaccess() {}

    private static int index(long uaddr) {
        return (int) ((uaddr % Mman.PAGE_SIZE) / 4);
    }

    /** The MMU: the PTE that lets this access through, or null (a fault). Hardware tracking sets young/dirty. */
    private static Pte hwWalk(MmStruct mm, long uaddr, boolean write) {
        Pte pte = mm.pte(uaddr);
        if (pte == null) {
            return null;
        }
        boolean sw = mm.kernel.config().dirtyTracking() == KernelConfig.DirtyTracking.SW;
        int b = pte.bits.get();
        if (!Pte.hwAllows(b, write, sw)) {
            return null;
        }
        if (!sw) {
            int want = b | Pte.YOUNG | (write ? Pte.DIRTY : 0);
            if (want != b) {
                pte.bits.compareAndSet(b, want);
            }
        }
        return pte;
    }

    /** __get_user() under pagefault_disable(). */
    public static long getUserInatomic(MmStruct mm, long uaddr) {
        Pte pte = hwWalk(mm, uaddr, false);
        if (pte == null) {
            return -Errno.EFAULT;
        }
        return pte.page.get(index(uaddr)) & 0xffffffffL;
    }

    /**
     * futex_atomic_cmpxchg_inatomic().
     *
     * @return the value found (the exchange happened iff it equals old), or -EFAULT
     */
    public static long cmpxchgInatomic(MmStruct mm, long uaddr, int old, int nv) {
        Pte pte = hwWalk(mm, uaddr, true);
        if (pte == null) {
            return -Errno.EFAULT;
        }
        return pte.page.compareAndExchange(index(uaddr), old, nv) & 0xffffffffL;
    }

    /**
     * arch_futex_atomic_op_inuser(): an atomic read-modify-write.
     *
     * @return the old value, or -EFAULT
     */
    public static long atomicOpInatomic(MmStruct mm, long uaddr, IntUnaryOperator op) {
        Pte pte = hwWalk(mm, uaddr, true);
        if (pte == null) {
            return -Errno.EFAULT;
        }
        return pte.page.getAndUpdate(index(uaddr), op) & 0xffffffffL;
    }

    /**
     * A store of the whole word (store-release; used by the robust unlock).
     *
     * @return 0 or -EFAULT
     */
    public static int storeInatomic(MmStruct mm, long uaddr, int value) {
        Pte pte = hwWalk(mm, uaddr, true);
        if (pte == null) {
            return -Errno.EFAULT;
        }
        pte.page.set(index(uaddr), value);
        return 0;
    }

    /**
     * The kernel's fault path for its own access to user memory (a get_user or copy_from_user that faulted):
     * do_user_addr_fault() in kernel mode.
     *
     * @return 0 when the access can be retried, -EFAULT when it cannot succeed
     */
    public static int faultIn(MmStruct mm, long uaddr, boolean write) {
        return Fault.doUserAddrFault(mm, uaddr, write, false) == Fault.FAULT_OK ? 0 : -Errno.EFAULT;
    }

    /** get_user() of a 32-bit word: faults are handled unless page faults are disabled. */
    public static long getUser(long uaddr) {
        Task cur = Task.current();
        MmStruct mm = cur.mm();
        for (int tries = 0; ; tries++) {
            long v = getUserInatomic(mm, uaddr);
            if (v >= 0 || cur.pagefaultDisabled > 0 || tries == 3) {
                return v;
            }
            int f = faultIn(mm, uaddr, false);
            if (f < 0) {
                return f;
            }
        }
    }

    /**
     * put_user() of a 32-bit word.
     *
     * @return 0 or -EFAULT
     */
    public static int putUser(int value, long uaddr) {
        Task cur = Task.current();
        MmStruct mm = cur.mm();
        for (int tries = 0; ; tries++) {
            int r = storeInatomic(mm, uaddr, value);
            if (r == 0 || cur.pagefaultDisabled > 0 || tries == 3) {
                return r;
            }
            int f = faultIn(mm, uaddr, true);
            if (f < 0) {
                return f;
            }
        }
    }

    /**
     * get_user() of a 64-bit value (two words, little-endian).
     *
     * @return the value, or EFAULT in err[0]
     */
    public static long getUser64(long uaddr, int[] err) {
        long lo = getUser(uaddr);
        long hi = lo < 0 ? lo : getUser(uaddr + 4);
        if (lo < 0 || hi < 0) {
            err[0] = -Errno.EFAULT;
            return 0;
        }
        err[0] = 0;
        return (hi << 32) | lo;
    }

    /**
     * put_user() of a 64-bit value.
     *
     * @return 0 or -EFAULT
     */
    public static int putUser64(long value, long uaddr) {
        int r = putUser((int) value, uaddr);
        return r != 0 ? r : putUser((int) (value >>> 32), uaddr + 4);
    }

    /**
     * get_user() of a user pointer: a 32-bit (compat) one, zero-extended, or a native 64-bit one. Also of any
     * pointer-sized word, such as a robust list's futex_offset (a long or compat_long_t), which the caller then
     * sign-extends.
     *
     * @return the pointer, or EFAULT in err[0]
     */
    public static long getUserPtr(long uaddr, boolean ptr32, int[] err) {
        if (!ptr32) {
            return getUser64(uaddr, err);
        }
        long v = getUser(uaddr);
        err[0] = v < 0 ? -Errno.EFAULT : 0;
        return v < 0 ? 0 : v;
    }

    /**
     * put_user() of a user pointer, 32-bit (compat) or 64-bit.
     *
     * @return 0 or -EFAULT
     */
    public static int putUserPtr(long value, long uaddr, boolean ptr32) {
        return ptr32 ? putUser((int) value, uaddr) : putUser64(value, uaddr);
    }

    /** access_ok(): the address range lies in user space. */
    public static boolean accessOk(long uaddr, long size) {
        return uaddr >= 0 && uaddr + size >= uaddr && uaddr + size <= 0x0000_7fff_ffff_f000L;
    }
}
