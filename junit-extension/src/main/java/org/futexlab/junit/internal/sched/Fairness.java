package org.futexlab.junit.internal.sched;

import java.util.Arrays;
import org.futexlab.junit.internal.ops.Op;

/**
 * The fairness the scheduler assumes, so that correct busy-waiting is neither a livelock nor an endless source of
 * "spin once more" schedules.
 *
 * <p>{@code Thread.yield()} gives way, as in CHESS's fair scheduler (Musuvathi and Qadeer, PLDI 2008): a thread that
 * yielded runs again only once every thread that could run at its yield has taken a step or blocked. Without this,
 * stateless search keeps finding "spin once more" alternatives in correct spin loops, and two polite spinners could
 * starve the thread they wait for.
 *
 * <p>{@code Thread.onSpinWait()} waits for a write: a spinning thread goes on only after another thread has written
 * to a location its loop iteration read (any location, when the iteration read more than
 * {@link LogicalThread#SPIN_SET} of them or also locked, parked or joined), or, since the hint is only a hint, when no
 * other thread can move. One that truly waits for a write that cannot come repeats its loop until maxSteps and is
 * reported as a livelock.
 */
public final class Fairness extends Primitive {
    /** Counts steps that may have changed what a spin loop reads. */
    private long writeEpoch;
    /**
     * Unchanged revisits of a loop's first read after which the engine treats the loop as a spin wait, as if it
     * called onSpinWait (a failed compare-and-set loop, a busy read of a flag). Three keep "spin a few times"
     * schedules in the search and cut the endless ones.
     */
    static final int IMPLICIT_SPIN_REVISITS = 3;
    /** Reads without coming back to a loop's first read after which the loop's first read is taken anew. */
    static final int LOOP_ANCHOR_MISSES = 16;
    /** The first jump of the clock for a thread that spins on it alone (then doubling: 1 us, 2 us, ... 1 s in 20). */
    static final long CLOCK_QUANTUM = 1_000L;

    Fairness(Run run) {
        super(run, Op.YIELD, Op.SPIN);
    }

    @Override
    int enabled(LogicalThread t) {
        if (t.kind == Op.SPIN) {
            if (t.spinOn != null) {
                return t.spinWoken ? Op.NORMAL : Op.NONE;
            }
            return writeEpoch > t.spinEpoch ? Op.NORMAL : Op.NONE;
        }
        return Op.NORMAL;
    }

    /**
     * A spin wait is about to be published: it waits for a write to what its iteration read. Enabling it on any
     * write would make the exhaustive search try "spin once more" after every unrelated write of every other thread.
     */
    void spinPending(LogicalThread self) {
        self.spinEpoch = writeEpoch;
        self.spinOn = self.nSpinReads == 0 || self.spinOverflow ? null
                : Arrays.copyOf(self.spinReads, self.nSpinReads);
    }

    /**
     * Before t's memory read (or compare-and-set, or clock read) at site: whether its loop has come back to its
     * first read {@link #IMPLICIT_SPIN_REVISITS} times with nothing changed, neither by itself (it only read, and its
     * compare-and-sets failed) nor by anyone else (no write since the loop began). Such a loop is a spin wait
     * without onSpinWait: the run then inserts one, so that a correct spin lock is not reported as a livelock and a
     * search does not try "spin once more" forever; a real livelock (threads undoing each other's writes) keeps
     * changing what it reads and never qualifies.
     */
    boolean implicitSpin(LogicalThread t, int site, int kind) {
        if (t.loopEffect || t.loopEpoch != writeEpoch) {
            t.loopSite = site;
            t.loopHits = 0;
            t.loopMisses = 0;
            t.loopEffect = false;
            t.loopEpoch = writeEpoch;
            t.loopReadClock = kind == Op.CLOCK;
            return false;
        }
        t.loopReadClock |= kind == Op.CLOCK;
        if (site != t.loopSite) {
            // The first read may have come before the loop (a deadline computed, then spun to): a read the loop
            // does not come back to gives way, after a while, to the read the thread is at now.
            if (++t.loopMisses > LOOP_ANCHOR_MISSES) {
                t.loopSite = site;
                t.loopHits = 0;
                t.loopMisses = 0;
            }
            return false;
        }
        t.loopMisses = 0;
        if (++t.loopHits < IMPLICIT_SPIN_REVISITS) {
            return false;
        }
        t.loopHits = 0;
        return true;
    }

    /** t's last step was a compare-and-set that failed: it wrote nothing, so it changed nothing a loop reads. */
    public void casFailed(LogicalThread t) {
        if (t.rmwCounted) {
            t.rmwCounted = false;
            t.loopEffect = t.effectBeforeRmw;
            writeEpoch--;
        }
    }

    /**
     * Drops from the candidates the threads that yielded and must still give way to another candidate.
     *
     * @return the candidates kept
     */
    int keepYieldsFair(int n) {
        if (n <= 1) {
            return n;
        }
        int[] cand = run.cand;
        int[] mode = run.candMode;
        long runnable = 0;
        for (int i = 0; i < n; i++) {
            if (mode[i] != Op.SPURIOUS && cand[i] < 64) {
                runnable |= 1L << cand[i];
            }
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if ((run.threads[cand[i]].yieldWaitFor & runnable) == 0) {
                cand[kept] = cand[i];
                mode[kept] = mode[i];
                kept++;
            }
        }
        // Nobody can be left waiting for a thread that ran since its yield, so someone always remains; the guard
        // only protects against a bug here turning into an empty decision.
        return kept > 0 ? kept : n;
    }

    /**
     * Nobody but spinners is left and none can go on: the hint is only a hint, so every spinner becomes a candidate.
     * With implicitOnly (others are blocked too), only the spin waits the engine inserted: an explicit onSpinWait
     * then waits for a write that cannot come, and the run reports the deadlock.
     *
     * @return the candidates, with the released spinners appended
     */
    int releaseSpinners(int n, boolean implicitOnly) {
        for (int i = 0; i < run.nThreads; i++) {
            LogicalThread t = run.threads[i];
            if (!t.terminated() && t.kind == Op.SPIN && run.modeOf[i] == Op.NONE && (t.implicitSpin || !implicitOnly)) {
                t.spinForced = true;
                run.cand[n] = i;
                run.candMode[n] = Op.NORMAL;
                run.modeOf[i] = Op.NORMAL;
                n++;
            }
        }
        return n;
    }

    /** After every step of t: who it released from a yield, whose spin it may have woken, what its loop read. */
    void stepTaken(LogicalThread t) {
        int k = t.kind;
        t.yielded = Op.yields(k);
        long self = t.id < 64 ? 1L << t.id : 0;
        boolean memoryWrite = k == Op.WRITE || k == Op.RMW;
        // One pass over the others per step (this is the switch path): this step releases a yield that waited
        // for it, and a memory write wakes a spin wait whose iteration read that location.
        for (int i = 0; i < run.nThreads; i++) {
            LogicalThread o = run.threads[i];
            o.yieldWaitFor &= ~self;
            if (memoryWrite && i != t.id && t.loc != null) {
                o.noteForeignWrite(t.loc);
            }
        }
        if (k == Op.YIELD) {
            long others = 0;
            for (int i = 0; i < run.nCand; i++) {
                int c = run.cand[i];
                if (c != t.id && run.candMode[i] != Op.SPURIOUS && c < 64) {
                    others |= 1L << c;
                }
            }
            t.yieldWaitFor = others;
        }
        t.rmwCounted = false;
        if (!Op.readOnly(k) && k != Op.YIELD && k != Op.SPIN) {
            writeEpoch++;
            if (k == Op.RMW) {
                t.effectBeforeRmw = t.loopEffect;
                t.rmwCounted = true;
            }
        }
        if (!Op.readOnly(k)) {
            t.loopEffect = true; // a write, a lock, a park, a yield or spin wait of its own: not an unchanged loop
        }
        if (k == Op.SPIN && t.spinForced && t.loopReadClock) {
            // A spinner on the virtual clock, released because no one else can move: only time can change what
            // it reads, so time passes, geometrically, until its deadline comes.
            t.clockQuantum = t.clockQuantum == 0 ? CLOCK_QUANTUM : Math.min(t.clockQuantum * 2, 1L << 50);
            run.clock.advanceTo(run.clock.now() + t.clockQuantum);
        } else if (k != Op.SPIN && k != Op.CLOCK && !Op.readOnly(k)) {
            t.clockQuantum = 0;
        }
        if (k <= Op.RMW && t.loc != null) {
            t.noteAccess(t.loc);
        } else if (k == Op.SPIN) {
            t.lastSpinForced = t.spinForced;
            t.nSpinReads = 0;
            t.spinOverflow = false;
            t.spinWoken = false;
        } else if (k != Op.YIELD) {
            // A spin iteration that also took a lock, parked, joined, ... depends on state no memory location
            // names (a tryLock loop waits for an unlock): it must wait for any write, not only to what it read.
            t.spinOverflow = true;
        }
    }

    /** Thread.yield. */
    public void yield(LogicalThread self, int site) {
        run.point(self, Op.YIELD, null, null, site, -1);
    }

    /** Thread.onSpinWait: enabled again only after another thread wrote. */
    public void onSpinWait(LogicalThread self, int site) {
        run.point(self, Op.SPIN, null, null, site, -1);
    }
}
