package org.futexlab.junit.internal.sched;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.futexlab.junit.internal.ops.Op;

/**
 * What an exploration covered, for its pass line: the scheduling points (call sites) its threads reached, and the
 * distinct conflicting pairs it saw, two sites of different threads touching one location, at least one of them
 * writing (the pairs whose order an interleaving can change). A pass that covered no pair only ever ran one order
 * of everything its threads shared; saying so is what keeps it from reading as a proof.
 *
 * <p>One per run, merged into one per exploration; a pair is kept as its two site ids, smaller first.
 */
public final class Coverage {
    private final BitSet sites = new BitSet();
    private final Set<Long> pairs = new HashSet<>();
    /** Static fields written during the run (outside class initialisers): state one schedule leaves to the next. */
    private final Set<String> staticWrites = new java.util.TreeSet<>();
    /** Per location of this run: the last writer and its site, and the reads since (thread, site). */
    private final Map<Object, int[]> last = new HashMap<>();

    void step(int thread, int site, int kind, Object loc) {
        if (site > 0) {
            sites.set(site);
        }
        if (loc == null || kind > Op.RMW) {
            return;
        }
        // [writer, writeSite, n, (reader, readSite) * n]
        int[] l = last.computeIfAbsent(loc, k -> new int[] {-1, 0, 0, 0, 0, 0, 0, 0, 0});
        access(l, thread, site, kind != Op.READ, loc);
    }

    /** A plain access the race detector checked, with the other side's site when another thread made it. */
    void pair(int siteA, int siteB) {
        int lo = Math.min(siteA, siteB);
        int hi = Math.max(siteA, siteB);
        pairs.add(((long) lo << 32) | (hi & 0xffffffffL));
    }

    private void access(int[] l, int thread, int site, boolean write, Object loc) {
        if (l[0] >= 0 && l[0] != thread) {
            pair(l[1], site);
        }
        if (write) {
            for (int i = 0; i < l[2]; i++) {
                if (l[3 + 2 * i] != thread) {
                    pair(l[4 + 2 * i], site);
                }
            }
            l[0] = thread;
            l[1] = site;
            l[2] = 0;
            return;
        }
        int n = l[2];
        for (int i = 0; i < n; i++) {
            if (l[3 + 2 * i] == thread) {
                l[4 + 2 * i] = site;
                return;
            }
        }
        if (3 + 2 * n + 1 >= l.length) {
            l = java.util.Arrays.copyOf(l, l.length * 2);
            last.put(loc, l);
        }
        l[3 + 2 * n] = thread;
        l[4 + 2 * n] = site;
        l[2] = n + 1;
    }

    void staticWrite(String field) {
        staticWrites.add(field);
    }

    /** Adds what another run covered. */
    public synchronized void merge(Coverage run) {
        sites.or(run.sites);
        pairs.addAll(run.pairs);
        staticWrites.addAll(run.staticWrites);
    }

    /** @return the static fields (as {@code pkg.Class.field}) some run wrote, sorted */
    public synchronized java.util.List<String> staticWrites() {
        return java.util.List.copyOf(staticWrites);
    }

    /** @return the distinct scheduling points reached */
    public synchronized int schedulingPoints() {
        return sites.cardinality();
    }

    /** @return the distinct conflicting pairs seen */
    public synchronized int conflictingPairs() {
        return pairs.size();
    }
}
