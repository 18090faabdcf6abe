package org.futexlab.junit.internal.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The loop of RANDOM and PCT, on one thread or several, with one result.
 *
 * <p>Schedule i is a pure function of the seed, i and PCT's k, the length of the longest schedule among 0 to i - 1
 * (at least {@link #MIN_K}). Schedules are committed in index order, and the first failing one in that order ends
 * the search. With parallelism p, p - 1 helper threads and the committing thread run schedules ahead of the commit
 * point, each with its best guess of k (the longest schedule known when it starts); a PCT schedule whose guess
 * differs from the true k when its turn comes is run again with the true k. So whatever p is, the same schedules
 * are committed and the same failure is reported with the same replay token; only the time differs. The guess is
 * right once the longest schedule has been seen, which is early: reruns are rare after the first few schedules.
 *
 * <p>That holds for what a schedule decides: its checks, deadlocks, livelocks, uncaught exceptions. Failures
 * measured in wall time or over the whole JVM are not functions of the schedule even one at a time, and running
 * several at once moves them: the stall watchdog and the exploration's timeout (CPUs are shared), and a thread
 * leaked outside the engine's control (the first schedule to look reports it).
 */
final class SampledSearch {
    /** PCT's k before any schedule has run. */
    static final int MIN_K = 8;

    /** Runs schedule index with PCT's k; called from several threads at once when parallelism is above 1. */
    interface Runner {
        Explorer.Sched run(int index, int k);
    }

    /**
     * How the search ended.
     *
     * @param ran schedules committed
     * @param failed the failing schedule, or null; it is the last committed (index ran - 1)
     */
    record End(int ran, Explorer.Sched failed, boolean timedOut) {}

    /** A schedule run ahead of its turn, the k it was run with, and what it returned or threw. */
    private record Slot(int k, Explorer.Sched sched, Throwable error) {}

    /** Runs schedules ahead of the commit point. */
    private final class Helper extends Thread {
        Helper(int n) {
            super("futex schedules " + n);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                if (runNext()) {
                    continue;
                }
                synchronized (lock) {
                    if (stop || claimable() < 0 && !waitBounded()) {
                        return;
                    }
                }
            }
        }
    }

    private final boolean pct;
    private final int budget;
    private final int parallelism;
    /** How far past the commit point schedules may run: bounds the traces held and the work a failure wastes. */
    private final int window;
    private final Runner runner;
    private final BooleanSupplier late;
    /** The longest the helpers, together, may take to finish their schedules once the search ends. */
    private final long helperEndMillis;

    private final Object lock = new Object();
    /** Schedules run past the commit point, by index; guarded by lock, as are the fields below. */
    private final Map<Integer, Slot> done = new HashMap<>();
    private int next;
    private int committed;
    private int kCommitted = MIN_K;
    private boolean stop;
    private int reruns;

    SampledSearch(boolean pct, int budget, int parallelism, Runner runner, BooleanSupplier late,
            long helperEndMillis) {
        this.pct = pct;
        this.budget = budget;
        this.parallelism = parallelism;
        this.window = 2 * parallelism;
        this.runner = runner;
        this.late = late;
        this.helperEndMillis = helperEndMillis;
    }

    /** @return PCT schedules run a second time because their guess of k was wrong */
    int reruns() {
        return reruns;
    }

    End search() {
        List<Helper> helpers = new ArrayList<>();
        try {
            int k = MIN_K;
            for (int c = 0; c < budget; c++) {
                Slot s = await(c);
                if (s == null) {
                    return new End(c, null, true);
                }
                Explorer.Sched r;
                if (pct && s.k() != k) {
                    // Whatever it did, it did as another schedule than c; an error too.
                    reruns++;
                    r = runner.run(c, k);
                } else if (s.error() != null) {
                    throw rethrown(s.error());
                } else {
                    r = s.sched();
                }
                if (Explorer.ranOutOfTime(r)) {
                    return new End(c, null, true);
                }
                k = Math.max(k, r.steps());
                synchronized (lock) {
                    committed = c + 1;
                    kCommitted = k;
                    lock.notifyAll();
                }
                if (r.failure() != null) {
                    return new End(c + 1, r, false);
                }
                // Schedule 0 runs alone: it is the one that uses what the linearizability probe built.
                if (c == 0) {
                    for (int h = 1; h < parallelism && budget > 1; h++) {
                        Helper t = new Helper(h);
                        helpers.add(t);
                        t.start();
                    }
                }
            }
            return new End(budget, null, false);
        } finally {
            synchronized (lock) {
                stop = true;
                done.clear();
                lock.notifyAll();
            }
            // A helper ends with the schedule it is running, which the run's watchdog bounds; one still in the
            // scenario method (which no watchdog watches) after helperEndMillis is left to end on its own: a
            // daemon whose result nobody reads.
            long end = System.nanoTime() + helperEndMillis * 1_000_000L;
            for (Helper t : helpers) {
                try {
                    t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /**
     * Waits for schedule c, running the next unclaimed schedule (c itself when nobody took it) meanwhile.
     *
     * @return c's slot, or null when the exploration is late (asked before every commit, as the loop of one
     *     thread asks before every schedule)
     */
    private Slot await(int c) {
        for (;;) {
            if (late.getAsBoolean()) {
                return null;
            }
            synchronized (lock) {
                Slot s = done.remove(c);
                if (s != null) {
                    return s;
                }
            }
            if (runNext()) {
                continue;
            }
            synchronized (lock) {
                if (!done.containsKey(c) && claimable() < 0 && !waitBounded()) {
                    throw new IllegalStateException("the exploration was interrupted while waiting for schedule "
                            + (c + 1));
                }
            }
        }
    }

    /**
     * Claims the next schedule and runs it, with the best guess of its k.
     *
     * @return false when no schedule may run now (the budget or the window is used up, or the search ended)
     */
    private boolean runNext() {
        int j;
        int k;
        synchronized (lock) {
            j = claimable();
            if (j < 0) {
                return false;
            }
            next++;
            k = guess(j);
        }
        Slot s = runSafely(j, k);
        synchronized (lock) {
            if (!stop) {
                done.put(j, s);
            }
            lock.notifyAll();
        }
        return true;
    }

    /** @return the next index to run, or -1 when the budget or the window is used up or the search ended; under lock */
    private int claimable() {
        return !stop && next < budget && next - committed < window ? next : -1;
    }

    /** @return the k schedule j would have if the schedules run so far before it were all there are; under lock */
    private int guess(int j) {
        if (!pct) {
            return MIN_K; // RANDOM has no k
        }
        int k = kCommitted;
        for (Map.Entry<Integer, Slot> e : done.entrySet()) {
            if (e.getKey() < j && e.getValue().sched() != null) {
                k = Math.max(k, e.getValue().sched().steps());
            }
        }
        return k;
    }

    private Slot runSafely(int j, int k) {
        try {
            return new Slot(k, runner.run(j, k), null);
        } catch (Throwable e) { // anything, or the index would stay claimed by nobody until the timeout
            return new Slot(k, null, e);
        }
    }

    /** @return false when interrupted (the flag is kept); under lock */
    private boolean waitBounded() {
        try {
            lock.wait(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof Error) {
            throw (Error) e;
        }
        return e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
    }
}
