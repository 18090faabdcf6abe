package org.futexlab.junit.internal.sched;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import org.futexlab.junit.ThrowingRunnable;
import org.futexlab.junit.internal.ops.Op;

/**
 * One controlled execution of a scenario's threads: the execution core.
 *
 * <p>Protocol: exactly one logical thread runs at a time. At each scheduling point ({@link #point}) the running
 * thread publishes its next operation (its lookahead), decides which thread takes the next step ({@link #decide}),
 * applies that step's effect to the model of JDK synchronisation ({@link #begin}), and hands the turn over
 * ({@link Handoff}). There is no scheduler thread: the decider is always the thread that reached the point.
 *
 * <p>What each operation means lives in one {@link Primitive} per family ({@link Memory}, {@link Parking},
 * {@link Monitors}, {@link Locks}, {@link ThreadOps}, {@link VirtualClock}, {@link Fairness}); the core only asks
 * the owner of a pending operation's kind whether it can run, and tells it when it did. Blocking operations never
 * block a carrier: a blocked thread is simply not enabled, and its completion mode (normal, spurious, timed out)
 * follows from the model state at the step that completes it, so the schedule, the sequence of chosen threads,
 * determines the run.
 */
public final class Run implements Decision {
    static final int DONE = -2;
    static final int ABORT = -3;

    static final ThreadLocal<LogicalThread> CURRENT = new ThreadLocal<>();
    private static volatile boolean everActive;

    static final Abort ABORT_ERROR = new Abort();

    final String scenario;
    final RunConfig cfg;
    final Chooser chooser;
    final Trace trace;
    final Handoff handoff;

    private final Primitive[] owners = new Primitive[Op.KINDS];
    final Memory memory;
    final Parking parking;
    final Monitors monitors;
    final Locks locks;
    final ThreadOps threadOps;
    final VirtualClock clock;
    final Fairness fairness;
    final Races races;
    final Coverage coverage = new Coverage();

    LogicalThread[] threads = new LogicalThread[8];
    int nThreads;
    /** The thread that took the last step, or -1. */
    int current = -1;
    int steps;
    int preemptions;
    int spuriousLeft;
    volatile boolean aborting;
    private boolean pruned;
    private volatile RunFailure failure;
    final IdentityHashMap<Thread, LogicalThread> byIdentity = new IdentityHashMap<>();

    // The decision being made: candidates (thread ids ascending) and their modes; the mode of every thread.
    int[] cand = new int[8];
    int[] candMode = new int[8];
    int[] modeOf = new int[8];
    int nCand;
    private int chosenMode;
    private boolean currentFree;

    public Run(String scenario, RunConfig cfg, Chooser chooser) {
        this.scenario = scenario;
        this.cfg = cfg;
        this.chooser = chooser;
        this.trace = new Trace(cfg.detail());
        this.spuriousLeft = cfg.spuriousWakeups();
        this.handoff = new Handoff(this);
        this.memory = new Memory(this);
        this.parking = new Parking(this);
        this.monitors = new Monitors(this);
        this.locks = new Locks(this);
        this.threadOps = new ThreadOps(this);
        this.clock = new VirtualClock(this);
        this.fairness = new Fairness(this);
        this.races = new Races(this, cfg.races());
    }

    /** @return the logical thread running on the calling JVM thread, or null outside controlled runs */
    public static LogicalThread current() {
        return everActive ? CURRENT.get() : null;
    }

    /** Makes p the model of operations of kind k; each kind has one owner. */
    void own(int k, Primitive p) {
        if (owners[k] != null) {
            throw new IllegalStateException(Op.name(k) + " has two models");
        }
        owners[k] = p;
    }

    Primitive owner(int kind) {
        return owners[kind];
    }

    // ---------------------------------------------------------------- driving a run

    /**
     * Runs the threads to completion, failure or abort.
     *
     * @return the failure, or null when every thread finished normally (checks are the caller's business)
     */
    public RunFailure execute(List<String> names, List<ThrowingRunnable> bodies) {
        everActive = true;
        for (int i = 0; i < names.size(); i++) {
            handoff.prepare(newThread(names.get(i), bodies.get(i), null, Handoff.DRIVER));
        }
        handoff.runDeclared(names.size());
        aborting = true; // a carrier that outlived its run unwinds at its next scheduling point
        return failure;
    }

    /** @return true when the chooser abandoned this run (a sleep-set blocked execution): it is no schedule */
    public boolean pruned() {
        return pruned;
    }

    /** @return thread names still alive after the run (each also part of the failure) */
    public List<String> leaked() {
        return handoff.leaked;
    }

    LogicalThread newThread(String name, ThrowingRunnable body, Thread identity, int creator) {
        if (nThreads == threads.length) {
            threads = Arrays.copyOf(threads, nThreads * 2);
            cand = Arrays.copyOf(cand, nThreads * 2);
            candMode = Arrays.copyOf(candMode, nThreads * 2);
            modeOf = Arrays.copyOf(modeOf, nThreads * 2);
        }
        LogicalThread t = new LogicalThread(this, nThreads, name, body);
        t.identity = identity;
        t.creator = creator;
        t.createdAtStep = creator == Handoff.DRIVER ? -1 : steps - 1;
        threads[nThreads++] = t;
        races.threadCreated(t, creator);
        try {
            chooser.onThreadCreated(this, t);
        } catch (IllegalStateException limit) {
            // A strategy's limit (EXHAUSTIVE's 64 threads) is about the settings, not a finding of this schedule:
            // the exploration reports it as a setup error, with no token.
            if (creator == Handoff.DRIVER) {
                throw limit;
            }
            fail(new RunFailure(RunFailure.Kind.SETUP, null, null, limit.getMessage()));
            throw ABORT_ERROR;
        }
        return t;
    }

    /** @return the logical thread of this run that a JVM thread stands for, or null */
    LogicalThread logicalThreadOf(Thread th) {
        return th == null ? null : byIdentity.get(th);
    }

    /** A thread's body returned or threw: its end is a decision point like any other. */
    void threadEnd(LogicalThread t, Throwable error) {
        if (aborting) {
            synchronized (this) {
                t.state = LogicalThread.TERMINATED;
                handoff.bumpProgress();
                handoff.endedWhileAborting(t);
            }
            return;
        }
        races.release(t, t.endKey);
        t.state = LogicalThread.TERMINATED;
        handoff.bumpProgress();
        if (error != null) {
            fail(new RunFailure(RunFailure.Kind.EXCEPTION, t.name, error, null));
            synchronized (this) {
                handoff.endedWhileAborting(t);
            }
            return;
        }
        chooser.onThreadEnd(this, t);
        if (t.priming && handoff.primed(t)) {
            return;
        }
        int next = decide();
        if (next == DONE) {
            handoff.handTo(Handoff.DRIVER);
        } else if (next == ABORT) {
            handoff.continueAbort();
        } else {
            begin(threads[next], chosenMode);
            handoff.handTo(next);
        }
    }

    synchronized void fail(RunFailure f) {
        if (failure == null) {
            failure = f;
        }
        aborting = true;
    }

    RunFailure failure() {
        return failure;
    }

    /** The leak report joins the failure: it is the failure, or it is told below the one that came first. */
    synchronized void addLeak(String left) {
        failure = failure == null ? new RunFailure(RunFailure.Kind.LEAK, null, null, left) : failure.withDetails(left);
    }

    // ---------------------------------------------------------------- the scheduling point

    /**
     * A scheduling point: publishes {@code self}'s next operation and lets the scheduler decide. Returns when
     * {@code self} has been chosen and its step applied; throws {@link Abort} when the run is being aborted.
     */
    void point(LogicalThread self, int kind, Object loc, Object loc2, int site, long deadline) {
        if (aborting) {
            throw ABORT_ERROR;
        }
        if ((kind == Op.READ || kind == Op.RMW || kind == Op.CLOCK) && fairness.implicitSpin(self, site, kind)) {
            // A loop that changes nothing is a spin wait without onSpinWait (Fairness.implicitSpin).
            self.implicitSpin = true;
            point(self, Op.SPIN, null, null, site, -1);
            self.implicitSpin = false;
        }
        self.kind = kind;
        self.loc = loc;
        self.loc2 = loc2;
        self.site = site;
        self.deadline = deadline;
        self.observed = true;
        if (kind == Op.SPIN) {
            fairness.spinPending(self);
        }
        handoff.bumpProgress();
        if (self.priming && handoff.primed(self)) {
            handoff.awaitTurn(self);
            return;
        }
        int next = decide();
        if (next == ABORT) {
            throw ABORT_ERROR;
        }
        if (next == self.id) {
            begin(self, chosenMode);
            return;
        }
        begin(threads[next], chosenMode);
        handoff.handTo(next);
        handoff.awaitTurn(self);
    }

    // ---------------------------------------------------------------- deciding

    /** @return the thread to run next, {@link #DONE} when every thread ended, or {@link #ABORT} */
    int decide() {
        int n = 0;
        boolean live = false;
        boolean progressPossible = false;
        boolean allSpin = true;
        for (int i = 0; i < nThreads; i++) {
            LogicalThread t = threads[i];
            if (t.terminated()) {
                modeOf[i] = Op.NONE;
                continue;
            }
            live = true;
            t.spinForced = false;
            int m = owners[t.kind].enabled(t);
            modeOf[i] = m;
            if (t.kind != Op.SPIN && m == Op.NONE) {
                allSpin = false;
            }
            if (m != Op.NONE) {
                cand[n] = i;
                candMode[n] = m;
                n++;
                if (m != Op.SPURIOUS) {
                    progressPossible = true;
                }
            }
        }
        if (!live) {
            return DONE;
        }
        n = clock.keepDueTimeouts(n);
        n = fairness.keepYieldsFair(n);
        if (!progressPossible) {
            int before = n;
            n = fairness.releaseSpinners(n, !allSpin);
            progressPossible = n > before;
        }
        if (!progressPossible) {
            fail(Stuck.deadlock(this));
            return ABORT;
        }
        if (steps >= cfg.maxSteps()) {
            fail(Stuck.livelock(this));
            return ABORT;
        }
        nCand = n;
        LogicalThread cur = current >= 0 ? threads[current] : null;
        currentFree = cur == null || cur.terminated() || cur.yielded || modeOf[current] != Op.NORMAL;
        int idx = chooser.choose(this, n);
        if (idx == Chooser.PRUNE) {
            pruned = true;
            aborting = true;
            return ABORT;
        }
        if (idx < 0 || idx >= n) {
            if (failure == null) {
                fail(new RunFailure(RunFailure.Kind.NONDETERMINISM, null, null,
                        "the schedule asked for a thread that cannot run at step " + steps
                                + " (the scenario does not behave the same way on every run)"));
            }
            return ABORT;
        }
        if (n > 1) {
            trace.choice(steps, cand[idx]);
        }
        chosenMode = candMode[idx];
        return cand[idx];
    }

    /** The mode of a blocked wait that nothing has ended yet: its timeout, or a spurious return within budget. */
    int timedOrSpurious(LogicalThread t) {
        if (t.deadline >= 0) {
            return Op.TIMEOUT;
        }
        return spuriousLeft > 0 ? Op.SPURIOUS : Op.NONE;
    }

    /** A wait completed in mode: a spurious return spends the budget, a timeout moves the clock to its deadline. */
    void completeWait(LogicalThread t, int mode) {
        if (mode == Op.SPURIOUS) {
            spuriousLeft--;
        } else if (mode == Op.TIMEOUT) {
            clock.advanceTo(t.deadline);
        }
    }

    /** Applies the chosen step's effect on the model; called by the decider before the hand-over. */
    private void begin(LogicalThread t, int mode) {
        boolean preempt = t.id != current && !currentFree;
        if (preempt) {
            preemptions++;
        }
        int k = t.kind;
        trace.step(t.id, t.site, k, mode, t.loc, preempt);
        coverage.step(t.id, t.site, k, t.loc);
        steps++;
        current = t.id;
        t.lastMode = mode;
        fairness.stepTaken(t);
        owners[k].apply(t, mode);
        if (t.interrupted) {
            // Whatever sees its own interrupt (a wait it ends, a check of the flag) sees what the interrupter did.
            races.acquire(t, t.interruptKey);
        }
        chooser.onStep(this, t, mode);
    }

    // ---------------------------------------------------------------- the primitives, for the hooks

    /** @return the model of atomics, VarHandles and volatile fields */
    public Memory memory() {
        return memory;
    }

    /** @return the model of LockSupport */
    public Parking parking() {
        return parking;
    }

    /** @return the model of monitors and Object.wait/notify */
    public Monitors monitors() {
        return monitors;
    }

    /** @return the model of java.util.concurrent.locks */
    public Locks locks() {
        return locks;
    }

    /** @return the model of Thread start, join, interrupt and isAlive */
    public ThreadOps threadOps() {
        return threadOps;
    }

    /** @return the virtual clock: sleep, nanoTime, currentTimeMillis, timeouts */
    public VirtualClock clock() {
        return clock;
    }

    /** @return the model of Thread.yield and Thread.onSpinWait */
    public Fairness fairness() {
        return fairness;
    }

    /** Class initialization starts on t: until it ends, nothing t runs is a scheduling point. */
    public void classInitStart(LogicalThread t) {
        t.inClassInit++;
    }

    /** A class initializer ended on t, normally or by an exception. */
    public void classInitEnd(LogicalThread t) {
        if (t.inClassInit > 0) {
            t.inClassInit--;
        }
    }

    /** @return the race detector of plain accesses */
    public Races races() {
        return races;
    }

    /**
     * @param site an instrumented site
     * @return whether it is a scheduling point of this run: its class is in the exploration's own scope, and the
     *     current thread is not initializing a class (class initialization runs uncontrolled, so that the first
     *     schedule, which initializes the classes it meets, takes the same steps as every other)
     */
    public boolean active(LogicalThread t, int site) {
        return t.inClassInit == 0 && (site == org.futexlab.junit.internal.ops.Sites.UNKNOWN || cfg.scope().covers(site));
    }

    // ---------------------------------------------------------------- the decision, as choosers see it

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int[] candidates() {
        return cand;
    }

    @Override
    public int[] candidateModes() {
        return candMode;
    }

    @Override
    public int candidateCount() {
        return nCand;
    }

    @Override
    public int currentThread() {
        return current;
    }

    @Override
    public boolean isPreemption(int id) {
        return id != current && !currentFree;
    }

    @Override
    public boolean currentFree() {
        return currentFree;
    }

    @Override
    public int preemptions() {
        return preemptions;
    }

    @Override
    public int threadCount() {
        return nThreads;
    }

    @Override
    public LogicalThread thread(int id) {
        return threads[id];
    }

    /** @return what this run's steps and accesses covered */
    public Coverage coverage() {
        return coverage;
    }

    /** @return what the run did, step by step */
    public Trace trace() {
        return trace;
    }

    /** @return the scenario id */
    public String scenario() {
        return scenario;
    }
}
