package org.futexlab.linux.mm;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page-table entry: the Linux-level bits present, read, write, dirty and young (docs/model.md 0.5). Whether the
 * hardware lets an access through depends on the dirty tracking: with hardware tracking only present, read
 * and write matter; with software tracking a clean PTE is read-only and an old one inaccessible, until the
 * fault handler sets the software bits.
 */
public final class Pte {
    public static final int PRESENT = 1, READ = 2, WRITE = 4, DIRTY = 8, YOUNG = 16;

    final Page page;
    final AtomicInteger bits;

    Pte(Page page, int bits) {
        this.page = page;
        this.bits = new AtomicInteger(bits);
    }

    /** @return the current bits */
    public int bits() {
        return bits.get();
    }

    /** @return the page mapped */
    public Page page() {
        return page;
    }

    static boolean hwAllows(int b, boolean write, boolean swTracking) {
        if ((b & PRESENT) == 0) {
            return false;
        }
        if (write) {
            return (b & WRITE) != 0 && (!swTracking || (b & (DIRTY | YOUNG)) == (DIRTY | YOUNG));
        }
        return (b & READ) != 0 && (!swTracking || (b & YOUNG) != 0);
    }

    /** @return the bits as text, for reports */
    public static String describe(int b) {
        StringBuilder sb = new StringBuilder();
        sb.append((b & PRESENT) != 0 ? "present" : "not-present");
        if ((b & READ) != 0) {
            sb.append(" read");
        }
        if ((b & WRITE) != 0) {
            sb.append(" write");
        }
        if ((b & DIRTY) != 0) {
            sb.append(" dirty");
        }
        if ((b & YOUNG) != 0) {
            sb.append(" young");
        }
        return sb.toString();
    }
}
