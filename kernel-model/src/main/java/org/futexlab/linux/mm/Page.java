package org.futexlab.linux.mm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.futexlab.linux.uapi.Mman;

/** struct page with its contents: 4 KiB of 32-bit words, and the page flags GUP's FOLL_TOUCH sets. */
public final class Page {
    public static final int PG_DIRTY = 1, PG_REFERENCED = 2;

    final AtomicIntegerArray words = new AtomicIntegerArray((int) (Mman.PAGE_SIZE / 4));
    final AtomicInteger flags = new AtomicInteger();

    /** set_page_dirty() / mark_page_accessed(): the struct page only, never the PTE. */
    void touch(boolean write) {
        flags.getAndUpdate(f -> f | PG_REFERENCED | (write ? PG_DIRTY : 0));
    }

    /** @return the page flags */
    public int flags() {
        return flags.get();
    }
}
