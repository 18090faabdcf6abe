package org.futexlab.linux.mm;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What backs a MAP_SHARED mapping: a shared anonymous object or a file (its page cache). Every mapping of it,
 * in any address space, maps the same pages; a shared futex's key names it and the offset.
 */
public final class SharedMemory {
    private final String name;
    private final long inodeSeq;
    private final ConcurrentHashMap<Long, Page> pages = new ConcurrentHashMap<>();

    public SharedMemory(String name, long inodeSeq) {
        this.name = name;
        this.inodeSeq = inodeSeq;
    }

    Page page(long index) {
        return pages.computeIfAbsent(index, i -> new Page());
    }

    /** @return the i_sequence a shared futex key uses */
    public long inodeSeq() {
        return inodeSeq;
    }

    @Override
    public String toString() {
        return name;
    }
}
