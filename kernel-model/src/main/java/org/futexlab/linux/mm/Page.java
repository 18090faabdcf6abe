package org.futexlab.linux.mm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.futexlab.linux.uapi.Mman;

/**
 * struct page with its contents: 4 KiB of 32-bit words, and the page flags GUP's FOLL_TOUCH sets. Single words are
 * accessed atomically, as the CPU does for aligned words; a whole-page copy (UFFDIO_COPY's copy_from_user) is one
 * plain copy, not 1024 separate steps.
 */
public final class Page {
    public static final int PG_DIRTY = 1, PG_REFERENCED = 2;
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(int[].class);
    static final int WORDS = (int) (Mman.PAGE_SIZE / 4);

    private final int[] words = new int[WORDS];
    final AtomicInteger flags = new AtomicInteger();

    int get(int i) {
        return (int) WORD.getVolatile(words, i);
    }

    void set(int i, int v) {
        WORD.setVolatile(words, i, v);
    }

    int compareAndExchange(int i, int expected, int v) {
        return (int) WORD.compareAndExchange(words, i, expected, v);
    }

    /** @return the old value; the update is a compare-and-exchange loop, as LL/SC or cmpxchg architectures do */
    int getAndUpdate(int i, IntUnaryOperator op) {
        int old = get(i);
        for (;;) {
            int witness = compareAndExchange(i, old, op.applyAsInt(old));
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }

    /** Copies another page's contents into this one, which nobody can see yet. */
    void copyFrom(Page src) {
        System.arraycopy(src.words, 0, words, 0, WORDS);
        VarHandle.fullFence();
    }

    /** set_page_dirty() / mark_page_accessed(): the struct page only, never the PTE. */
    void touch(boolean write) {
        flags.getAndUpdate(f -> f | PG_REFERENCED | (write ? PG_DIRTY : 0));
    }

    /** @return the page flags */
    public int flags() {
        return flags.get();
    }
}
