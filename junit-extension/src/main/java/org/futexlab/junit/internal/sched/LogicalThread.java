package org.futexlab.junit.internal.sched;

import org.futexlab.junit.ThrowingRunnable;
import org.futexlab.junit.internal.ops.Op;

/**
 * A thread of the scenario under the controlled scheduler: its carrier (the JVM thread that runs it), its
 * pending operation (the lookahead the scheduler decides on), and its state in the model of JDK
 * synchronisation.
 */
public final class LogicalThread {
    static final int RUNNABLE = 0, TERMINATED = 1;

    final Run run;
    /** Index in the run, in creation order; stable across runs of the same schedule. */
    public final int id;
    public final String name;
    final ThrowingRunnable body;
    Thread carrier;
    Carriers.Carrier handle;
    /** What Thread.currentThread() returns in instrumented code: the user's Thread, or the carrier. */
    Thread identity;
    int state = RUNNABLE;
    /** Step at which this thread was created (-1 for declared threads): nothing before it can race with it. */
    int createdAtStep = -1;
    /** Set while a new thread runs its prologue up to its first scheduling point. */
    boolean priming;
    /** Whether its carrier was started; a declared thread waits for its turn in the priming chain. */
    boolean started;
    int creator = Handoff.DRIVER;
    boolean stuck;
    boolean abortHanded;

    // The pending operation (lookahead).
    int kind;
    Object loc;
    Object loc2;
    int site;
    /** Absolute virtual deadline in ns for timed waits, or -1. */
    long deadline = -1;
    /** Completion mode of the last step this thread took. */
    int lastMode;

    // Model state.
    boolean permit;
    boolean interrupted;
    /** Lock whose last tryLock failed; cleared by any unlock of that lock. */
    Object lockBlockedOn;
    /** Whether the pending lock attempt or await returns early on interrupt. */
    boolean interruptible;
    /** Monitor waits and condition awaits: signalled by notify/signal. */
    boolean notified;
    int savedMonitorCount;
    long spinEpoch;
    /**
     * Locations this thread accessed since its last onSpinWait (or its start): what a spin loop's iteration
     * read. Up to SPIN_SET distinct ones; past that, spinOverflow, and a spin wait then waits for any write.
     */
    static final int SPIN_SET = 8;
    final Object[] spinReads = new Object[SPIN_SET];
    int nSpinReads;
    boolean spinOverflow;
    /** For a pending onSpinWait: the locations it waits for a write to, or null for any write. */
    Object[] spinOn;
    /** For a pending onSpinWait with spinOn set: another thread wrote one of them since this thread read it. */
    boolean spinWoken;
    /** The pending onSpinWait is enabled only because nobody else can move. */
    boolean spinForced;
    /** The last onSpinWait this thread took was enabled only because nobody else could move. */
    boolean lastSpinForced;
    /**
     * Implicit spin detection ({@link Fairness#implicitSpin}): the site of the first memory read since this thread's
     * last effect or since another thread's last write, how often it came back to it since, whether the thread did
     * anything but read (and fail compare-and-sets) since, and the write epoch the loop started at.
     */
    int loopSite = -1;
    int loopHits;
    int loopMisses;
    boolean loopEffect = true;
    long loopEpoch;
    /** loopEffect before the thread's last read-modify-write, restored when that turns out a failed compare-and-set. */
    boolean effectBeforeRmw;
    /** Whether the last step was a read-modify-write that counted as a write (so a failure can take it back). */
    boolean rmwCounted;
    /** The loop read the virtual clock: released when no one else can move, it lets time pass. */
    boolean loopReadClock;
    /** How far the clock jumps the next time this clock spinner is released; doubles each time. */
    long clockQuantum;
    /** The pending spin wait was inserted by the engine (no onSpinWait in the loop). */
    boolean implicitSpin;
    boolean yielded;
    /** Threads (ids below 64) that must take a step or block before this one, having yielded, runs again. */
    long yieldWaitFor;
    final Object monitorToken = new Object();
    /** Happens-before locations of this thread: its end (for join and isAlive), its permit, its interrupt. */
    final Object endKey = new Object();
    final Object permitKey = new Object();
    final Object interruptKey = new Object();
    /** Nesting of class initializers this thread runs: inside one, nothing is a scheduling point. */
    int inClassInit;
    /** Whether this thread ran any code the exploration observes: a step, or a plain access checked for races. */
    boolean observed;

    /** @return whether the run saw this thread: it reached a scheduling point or made a checked access */
    public boolean observed() {
        return observed;
    }

    LogicalThread(Run run, int id, String name, ThrowingRunnable body) {
        this.run = run;
        this.id = id;
        this.name = name;
        this.body = body;
    }

    boolean terminated() {
        return state == TERMINATED;
    }

    void noteAccess(Object loc) {
        if (spinOverflow) {
            return; // already waits for any write: the set no longer matters
        }
        for (int i = 0; i < nSpinReads; i++) {
            if (spinReads[i] == loc) {
                return;
            }
        }
        if (nSpinReads < SPIN_SET) {
            spinReads[nSpinReads++] = loc;
        } else {
            spinOverflow = true;
        }
    }

    /** Another thread wrote loc: a spin iteration that read it may see something new. */
    void noteForeignWrite(Object loc) {
        if (spinOverflow) {
            return; // spinWoken is not read for a spin wait on any write
        }
        for (int i = 0; i < nSpinReads; i++) {
            if (spinReads[i] == loc) {
                spinWoken = true;
                return;
            }
        }
    }

    /**
     * @return the locations a pending onSpinWait waits on (a write to any of them enables it), or null when it
     *     waits for any write
     */
    public Object[] spinOn() {
        return spinOn;
    }

    /**
     * @return whether the step this thread just took was an onSpinWait released because nobody else could move:
     *     it depends on the steps that brought every other thread to a stop
     */
    public boolean lastSpinForced() {
        return lastSpinForced;
    }

    /** @return whether the last step of this thread was a yield or a spin-wait (switching away is free) */
    public boolean yieldedLast() {
        return yielded;
    }

    /** @return the pending operation's kind */
    public int kind() {
        return kind;
    }

    /** @return the pending operation's location */
    public Object loc() {
        return loc;
    }

    /** @return the pending operation's second location (a pseudo-location or a condition's lock), or null */
    public Object loc2() {
        return loc2;
    }

    /** @return the pending operation's site */
    public int site() {
        return site;
    }

    /** @return whether the pending operation ends early when this thread is interrupted */
    public boolean interruptiblePending() {
        switch (kind) {
            case Op.PARK: case Op.WAIT_RETURN: case Op.SLEEP: case Op.JOIN:
                return true;
            case Op.LOCK: case Op.AWAIT_RETURN:
                return interruptible;
            default:
                return false;
        }
    }

    /** @return whether the thread has finished */
    public boolean isTerminated() {
        return state == TERMINATED;
    }

    /** @return the id of the thread that started this one, or -1 for a declared thread */
    public int creatorId() {
        return creator;
    }

    /** @return the step that created this thread, or -1 for a declared thread */
    public int createdAtStep() {
        return createdAtStep;
    }

    /** @return the object an uncontrolled monitorenter uses in place of a modelled monitor */
    public Object monitorToken() {
        return monitorToken;
    }

    /** @return the run this thread belongs to */
    public Run run() {
        return run;
    }

    /** @return what Thread.currentThread() is for this logical thread */
    public Thread identity() {
        return identity;
    }

    @Override
    public String toString() {
        return name;
    }
}
