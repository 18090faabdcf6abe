package org.futexlab.junit.internal.sched;

import java.util.Arrays;
import java.util.IdentityHashMap;
import org.futexlab.junit.internal.ops.Sites;

/**
 * Data-race detection for plain (non-volatile) field and array accesses: happens-before as vector clocks over the
 * synchronisation the scheduler already sees, and FastTrack's shadow state per memory location (Flanagan and
 * Freund, PLDI 2009). Two accesses to one location, at least one a write, by threads that happens-before does not
 * order, are a data race: the run fails at the second one.
 *
 * <p>Happens-before follows the Java memory model: a volatile or atomic write synchronizes-with every later read of
 * the same variable (so a location's clock joins every write), an unlock with every later lock of the same monitor
 * or lock, a thread's start with its first action, its end with a join that sees it, an unpark with the park it
 * releases, an interrupt with the code that sees it. Each release ends an epoch of the releasing thread. Plain
 * accesses made outside the run (the scenario method building state, the checks after it) are not tracked: they
 * are ordered before the run's threads start and after they end. A location is an object and a field, an array and
 * an index, or a static field.
 */
public final class Races {
    /** A thread's vector clock, grown as threads are created. */
    private int[][] vc = new int[8][];
    /** The clock of each synchronisation location: every release into it, joined. */
    private final IdentityHashMap<Object, int[]> syncClocks = new IdentityHashMap<>();
    /** Shadow state of plain locations: object to its fields' or elements' shadows. */
    private final IdentityHashMap<Object, Shadows> plain = new IdentityHashMap<>();
    private final Run run;
    private final boolean on;
    /** Plain accesses checked, for the pass line. */
    long checked;

    Races(Run run, boolean on) {
        this.run = run;
        this.on = on;
    }

    /** @return whether plain accesses are checked in this run */
    public boolean on() {
        return on;
    }

    // ---------------------------------------------------------------- happens-before

    /** A thread was created by creator (or declared, creator &lt; 0): it starts after what its creator did. */
    void threadCreated(LogicalThread t, int creator) {
        if (t.id >= vc.length) {
            vc = Arrays.copyOf(vc, Math.max(vc.length * 2, t.id + 1));
        }
        int[] c = creator >= 0 && vc[creator] != null ? Arrays.copyOf(vc[creator], width()) : new int[width()];
        c = grow(c, t.id + 1);
        c[t.id] = 1;
        vc[t.id] = c;
        if (creator >= 0) {
            tick(creator); // what the creator does after start is not ordered before the child
        }
    }

    private int width() {
        return Math.max(8, run.nThreads);
    }

    private static int[] grow(int[] c, int n) {
        return c.length >= n ? c : Arrays.copyOf(c, Math.max(n, c.length * 2));
    }

    private int[] clock(int thread) {
        int[] c = vc[thread];
        if (c.length < run.nThreads) {
            c = grow(c, run.nThreads);
            vc[thread] = c;
        }
        return c;
    }

    private void tick(int thread) {
        clock(thread)[thread]++;
    }

    /** t acquires what was released into loc (a read of a volatile, a lock, a join, ...). */
    void acquire(LogicalThread t, Object loc) {
        if (!on || loc == null) {
            return;
        }
        int[] l = syncClocks.get(loc);
        if (l == null) {
            return;
        }
        int[] c = clock(t.id);
        if (c.length < l.length) {
            c = grow(c, l.length);
            vc[t.id] = c;
        }
        for (int i = 0; i < l.length; i++) {
            if (l[i] > c[i]) {
                c[i] = l[i];
            }
        }
    }

    /** t releases into loc (a write of a volatile, an unlock, a thread's end, ...), and starts a new epoch. */
    void release(LogicalThread t, Object loc) {
        if (!on || loc == null) {
            return;
        }
        int[] c = clock(t.id);
        int[] l = syncClocks.get(loc);
        if (l == null || l.length < c.length) {
            l = l == null ? new int[c.length] : grow(l, c.length);
            syncClocks.put(loc, l);
        }
        for (int i = 0; i < c.length; i++) {
            if (c[i] > l[i]) {
                l[i] = c[i];
            }
        }
        tick(t.id);
    }

    // ---------------------------------------------------------------- plain accesses

    /** FastTrack's state of one location: the last write's epoch, and the reads since (one epoch, or a clock). */
    private static final class Shadow {
        int writer = -1;
        int writeClock;
        int writeSite;
        int reader = -1;
        int readClock;
        int readSite;
        /** Concurrent reads since the last write, by thread: clock and site; null while reads are ordered. */
        int[] readClocks;
        int[] readSites;
    }

    /** The shadows of one object's fields (by field index) or one array's elements (by index). */
    private static final class Shadows {
        private int[] keys = new int[4];
        private Shadow[] values = new Shadow[4];
        private int size;

        Shadow get(int key) {
            for (int i = 0; i < size; i++) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            Shadow s = new Shadow();
            keys[size] = key;
            values[size++] = s;
            return s;
        }
    }

    private Shadow shadow(Object holder, int key) {
        Shadows s = plain.get(holder);
        if (s == null) {
            s = new Shadows();
            plain.put(holder, s);
        }
        return s.get(key);
    }

    /**
     * A plain access of one of holder's fields (a static field's holder is its location object) at site.
     *
     * @throws Abort when it races with an earlier access: the run fails as a data race
     */
    public void field(LogicalThread t, Object holder, int site, boolean write) {
        if (t.inClassInit > 0 || !run.cfg.scope().covers(site)) {
            return; // a class initializer runs before any other use of its class (JLS 12.4.2); out of scope
        }
        t.observed = true;
        Sites.Site at = Sites.get(site);
        if (write && at.staticLoc() != null) {
            StaticState.beforeWrite(at.field());
            run.coverage.staticWrite(at.field());
        }
        if (on) {
            int key = at.fieldIndex();
            if (write) {
                write(t, holder, key, site);
            } else {
                read(t, holder, key, site);
            }
        }
    }

    /**
     * A plain access of an array element at site.
     *
     * @throws Abort when it races with an earlier access
     */
    public void element(LogicalThread t, Object array, int index, int site, boolean write) {
        if (t.inClassInit > 0 || !run.cfg.scope().covers(site)) {
            return;
        }
        t.observed = true;
        if (on) {
            if (write) {
                write(t, array, index, site);
            } else {
                read(t, array, index, site);
            }
        }
    }

    private void read(LogicalThread t, Object holder, int key, int site) {
        checked++;
        Shadow x = shadow(holder, key);
        int[] c = clock(t.id);
        int now = c[t.id];
        if (x.readClocks == null && x.reader == t.id && x.readClock == now) {
            return; // same epoch
        }
        if (x.writer >= 0 && x.writer != t.id) {
            run.coverage.pair(x.writeSite, site);
            if (x.writeClock > at(c, x.writer)) {
                race(t, holder, key, x.writer, x.writeSite, true, site, false);
            }
        }
        if (x.readClocks != null) {
            x.readClocks = grow(x.readClocks, t.id + 1);
            x.readSites = grow(x.readSites, t.id + 1);
            x.readClocks[t.id] = now;
            x.readSites[t.id] = site;
        } else if (x.reader < 0 || x.reader == t.id || x.readClock <= at(c, x.reader)) {
            x.reader = t.id;
            x.readClock = now;
            x.readSite = site;
        } else {
            x.readClocks = new int[Math.max(run.nThreads, Math.max(x.reader, t.id) + 1)];
            x.readSites = new int[x.readClocks.length];
            x.readClocks[x.reader] = x.readClock;
            x.readSites[x.reader] = x.readSite;
            x.readClocks[t.id] = now;
            x.readSites[t.id] = site;
        }
    }

    private void write(LogicalThread t, Object holder, int key, int site) {
        checked++;
        Shadow x = shadow(holder, key);
        int[] c = clock(t.id);
        int now = c[t.id];
        if (x.writer == t.id && x.writeClock == now && x.readClocks == null && x.reader < 0) {
            return; // same epoch, nothing read since
        }
        if (x.writer >= 0 && x.writer != t.id) {
            run.coverage.pair(x.writeSite, site);
            if (x.writeClock > at(c, x.writer)) {
                race(t, holder, key, x.writer, x.writeSite, true, site, true);
            }
        }
        if (x.readClocks != null) {
            for (int u = 0; u < x.readClocks.length; u++) {
                if (u != t.id && x.readSites[u] != 0) {
                    run.coverage.pair(x.readSites[u], site);
                    if (x.readClocks[u] > at(c, u)) {
                        race(t, holder, key, u, x.readSites[u], false, site, true);
                    }
                }
            }
        } else if (x.reader >= 0 && x.reader != t.id) {
            run.coverage.pair(x.readSite, site);
            if (x.readClock > at(c, x.reader)) {
                race(t, holder, key, x.reader, x.readSite, false, site, true);
            }
        }
        x.writer = t.id;
        x.writeClock = now;
        x.writeSite = site;
        x.reader = -1;
        x.readClocks = null;
        x.readSites = null;
    }

    private static int at(int[] c, int i) {
        return i < c.length ? c[i] : 0;
    }

    /** Two unordered conflicting accesses: unless the scenario accepts this race, the run fails here. */
    private void race(LogicalThread t, Object holder, int key, int other, int otherSite, boolean otherWrote,
            int site, boolean wrote) {
        Sites.Site first = Sites.get(otherSite);
        Sites.Site second = Sites.get(site);
        String location = location(holder, key, second);
        if (run.cfg.benign(location, first, second)) {
            return;
        }
        String headline = "on " + location + ": " + t.name + " " + (wrote ? "writes" : "reads") + " it at "
                + second.where() + ", and " + run.threads[other].name + "'s " + (otherWrote ? "write" : "read")
                + " at " + first.where() + " does not happen before";
        String details = "  " + run.threads[other].name + ": " + (otherWrote ? "write " : "read  ") + location + "  at "
                + first.where() + " (" + first.className() + "." + first.methodName() + ")\n  " + t.name + ": "
                + (wrote ? "write " : "read  ") + location + "  at " + second.where() + " (" + second.className() + "."
                + second.methodName() + ")\nnothing orders the two: no lock, volatile, atomic, start or join between "
                + "them; make the field volatile, guard both with one lock, or accept the race with "
                + "@KernelScenario(benignRaces = \"" + acceptAs(location, second) + "\")";
        run.fail(new RunFailure(RunFailure.Kind.DATA_RACE, headline, null, details));
        throw Run.ABORT_ERROR;
    }

    /** @return how reports name a location: a field, an array element or a static field */
    static String location(Object holder, int key, Sites.Site site) {
        if (site.field() != null) {
            return site.field();
        }
        return "element " + key + " of " + holder.getClass().getSimpleName();
    }

    private static String acceptAs(String location, Sites.Site site) {
        if (site.field() != null) {
            String f = site.field();
            int dot = f.lastIndexOf('.', f.lastIndexOf('.') - 1);
            return f.substring(dot + 1);
        }
        String cls = site.className();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + site.methodName();
    }
}
