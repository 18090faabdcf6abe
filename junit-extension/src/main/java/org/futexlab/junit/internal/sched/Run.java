package org.futexlab.junit.internal.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.futexlab.junit.ThrowingRunnable;
import org.futexlab.junit.internal.instrument.Sites;
import org.futexlab.junit.internal.sched.LogicalThread.Monitor;

/**
 * One controlled execution of a scenario's threads.
 *
 * <p>Protocol: exactly one logical thread runs at a time. At each scheduling point the running thread publishes
 * its next operation (its lookahead), decides which thread takes the next step, applies that step's effect to
 * the model of JDK synchronisation ({@link #begin}), and hands the turn over. A thread resumes only when
 * {@link #turn} names it, so everything a thread wrote before handing over is visible to the next (the
 * volatile write and read of {@code turn} order them). There is no scheduler thread: the decider is always the
 * thread that reached the point. The driver (the test's thread) only starts the run and waits for it,
 * doubling as the watchdog.
 *
 * <p>Blocking operations never block a carrier: a blocked thread is simply not enabled. Its completion mode
 * (normal, spurious, timed out) follows from the model state at the step that completes it, so the schedule,
 * the sequence of chosen threads, determines the run.
 */
public final class Run {
    public static final int DRIVER = -1;
    private static final int DONE = -2;
    private static final int ABORT = -3;

    /** Fixed bases of the virtual clock, so that timestamps in reports are the same on every run. */
    public static final long NANO_BASE = 1_000_000_000L;
    public static final long MILLIS_BASE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    static final ThreadLocal<LogicalThread> CURRENT = new ThreadLocal<>();
    private static volatile boolean everActive;

    /** Lock of each Condition created in instrumented code (needed to model await); weak, identity-keyed. */
    private static final Map<Condition, Lock> CONDITION_LOCKS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Parent of each ReentrantReadWriteLock read or write lock obtained in instrumented code. */
    private static final Map<Lock, Object> LOCK_PARENTS = Collections.synchronizedMap(new WeakHashMap<>());

    private static final VarHandle PROGRESS;

    static {
        try {
            PROGRESS = MethodHandles.lookup().findVarHandle(Run.class, "progress", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Thrown into a logical thread to unwind it when its run is aborted; never seen by the user. */
    static final class Abort extends Error {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("schedule aborted", null, false, false);
        }
    }

    private static final Abort ABORT_ERROR = new Abort();

    private final String scenario;
    private final RunConfig cfg;
    private final Chooser chooser;
    private final Thread driver;
    private final Trace trace;

    LogicalThread[] threads = new LogicalThread[8];
    int nThreads;
    volatile int turn = DRIVER;
    int current = -1;
    int steps;
    int preemptions;
    long clock;
    int spuriousLeft;
    long writeEpoch;
    volatile boolean aborting;
    private boolean pruned;
    private int declared;
    private int primeNext;
    private volatile RunFailure failure;
    private final List<String> leaked = new ArrayList<>();
    @SuppressWarnings("unused") // accessed through PROGRESS
    private int progress;

    private final IdentityHashMap<Object, Monitor> monitors = new IdentityHashMap<>();
    private final IdentityHashMap<Object, ArrayDeque<LogicalThread>> condWaiters = new IdentityHashMap<>();
    private final IdentityHashMap<Thread, LogicalThread> byIdentity = new IdentityHashMap<>();

    private int[] cand = new int[8];
    private int[] candMode = new int[8];
    private int[] modeOf = new int[8];
    private int nCand;
    private int chosenMode;
    private boolean currentFree;

    public Run(String scenario, RunConfig cfg, Chooser chooser) {
        this.scenario = scenario;
        this.cfg = cfg;
        this.chooser = chooser;
        this.driver = Thread.currentThread();
        this.trace = new Trace(cfg.detail());
        this.spuriousLeft = cfg.spuriousWakeups();
    }

    /** @return the logical thread running on the calling JVM thread, or null outside controlled runs */
    public static LogicalThread current() {
        return everActive ? CURRENT.get() : null;
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
            prepare(newThread(names.get(i), bodies.get(i), null, DRIVER));
        }
        declared = names.size();
        // Declared threads prime in a chain (each one, at its first scheduling point, starts the next; the last
        // makes the first decision), so that the driver is woken once per run, not twice per thread.
        primeNext = 1;
        turn = 0;
        threads[0].started = true;
        threads[0].handle.start();
        driverWait();
        awaitCarriers();
        aborting = true; // a carrier that outlived its run unwinds at its next scheduling point
        return failure;
    }

    /** @return true when the chooser abandoned this run (a sleep-set blocked execution): it is no schedule */
    public boolean pruned() {
        return pruned;
    }

    /** @return thread names still alive after the run (each also part of the failure) */
    public List<String> leaked() {
        return leaked;
    }

    private LogicalThread newThread(String name, ThrowingRunnable body, Thread identity, int creator) {
        if (nThreads == threads.length) {
            threads = Arrays.copyOf(threads, nThreads * 2);
            cand = Arrays.copyOf(cand, nThreads * 2);
            candMode = Arrays.copyOf(candMode, nThreads * 2);
            modeOf = Arrays.copyOf(modeOf, nThreads * 2);
        }
        LogicalThread t = new LogicalThread(this, nThreads, name, body);
        t.identity = identity;
        t.creator = creator;
        t.createdAtStep = creator == DRIVER ? -1 : steps - 1;
        threads[nThreads++] = t;
        chooser.onThreadCreated(this, t);
        return t;
    }

    /** Gives a thread its carrier; identity and carrier are known before any of its body can run. */
    private void prepare(LogicalThread t) {
        t.priming = true;
        String carrierName = "futex " + shortName(scenario) + "/" + t.name;
        Carriers.Carrier handle = cfg.carriers().prepare(carrierName, () -> carrierMain(t));
        Thread c = handle.thread;
        t.carrier = c;
        t.handle = handle;
        if (t.identity == null) {
            t.identity = c;
        }
        byIdentity.put(c, t);
        byIdentity.put(t.identity, t);
    }

    /** Starts a thread started at run time, lets it run up to its first scheduling point, resumes its creator. */
    private void prime(LogicalThread t, LogicalThread creator) {
        prepare(t);
        turn = t.id;
        t.started = true;
        t.handle.start();
        awaitTurn(creator);
    }

    /**
     * Called when a thread has run its prologue (reached its first scheduling point, or ended without one).
     *
     * @return true when the turn was handed on; false when the caller, the last declared thread, must make the
     *     first decision
     */
    private boolean primed(LogicalThread t) {
        t.priming = false;
        if (t.creator != DRIVER) {
            handTo(t.creator);
            return true;
        }
        if (primeNext < declared && !aborting) {
            LogicalThread next = threads[primeNext++];
            turn = next.id;
            next.started = true;
            next.handle.start();
            return true;
        }
        if (aborting) {
            continueAbort();
            return true;
        }
        return false;
    }

    private void carrierMain(LogicalThread t) {
        CURRENT.set(t);
        Throwable error = null;
        try {
            while (turn != t.id) {
                LockSupport.park(this);
            }
            if (!aborting) {
                t.body.run();
            }
        } catch (Abort a) {
            // unwound by an abort
        } catch (Throwable e) {
            error = e;
        } finally {
            try {
                threadEnd(t, error);
            } finally {
                CURRENT.remove();
            }
        }
    }

    private void threadEnd(LogicalThread t, Throwable error) {
        if (aborting) {
            synchronized (this) {
                t.state = LogicalThread.TERMINATED;
                bumpProgress();
                if (t.priming && t.creator != DRIVER) {
                    t.priming = false;
                    handTo(t.creator);
                } else {
                    continueAbort();
                }
            }
            return;
        }
        t.state = LogicalThread.TERMINATED;
        bumpProgress();
        if (error != null) {
            fail(new RunFailure(RunFailure.Kind.EXCEPTION, t.name, error, null));
            threadEndAborting(t);
            return;
        }
        chooser.onThreadEnd(this, t);
        if (t.priming && primed(t)) {
            return;
        }
        int next = decide();
        if (next == DONE) {
            handTo(DRIVER);
        } else if (next == ABORT) {
            continueAbort();
        } else {
            begin(threads[next], chosenMode);
            handTo(next);
        }
    }

    private void threadEndAborting(LogicalThread t) {
        synchronized (this) {
            if (t.priming && t.creator != DRIVER) {
                t.priming = false;
                handTo(t.creator);
            } else {
                continueAbort();
            }
        }
    }

    /** Hands the turn to the next live thread so that it unwinds; the last one hands it to the driver. */
    private synchronized void continueAbort() {
        for (int i = 0; i < nThreads; i++) {
            LogicalThread o = threads[i];
            if (!o.started) {
                o.state = LogicalThread.TERMINATED; // never ran: nothing to unwind
                continue;
            }
            if (!o.terminated() && !o.stuck && !o.abortHanded) {
                o.abortHanded = true;
                handTo(i);
                return;
            }
        }
        handTo(DRIVER);
    }

    private void handTo(int id) {
        turn = id;
        LockSupport.unpark(id == DRIVER ? driver : threads[id].carrier);
    }

    private void awaitTurn(LogicalThread self) {
        while (turn != self.id) {
            LockSupport.park(this);
        }
        if (aborting) {
            throw ABORT_ERROR;
        }
    }

    private void bumpProgress() {
        PROGRESS.setOpaque(this, (int) PROGRESS.getOpaque(this) + 1);
    }

    /** The driver's bounded wait; it is also the watchdog and the enforcer of the scenario's deadline. */
    private void driverWait() {
        int lastProgress = (int) PROGRESS.getOpaque(this);
        long since = System.nanoTime();
        while (turn != DRIVER) {
            LockSupport.parkNanos(this, 5_000_000L);
            if (turn == DRIVER) {
                return;
            }
            long now = System.nanoTime();
            int p = (int) PROGRESS.getOpaque(this);
            if (p != lastProgress) {
                lastProgress = p;
                since = now;
            }
            if (now - cfg.deadlineNanos() > 0 && !aborting) {
                fail(new RunFailure(RunFailure.Kind.TIMEOUT, null, null,
                        "the scenario's wall-clock limit ran out during this schedule"));
            }
            if (now - since > cfg.stallNanos()) {
                handleStall(now - since);
                return;
            }
        }
    }

    private void handleStall(long stalledNanos) {
        int running = turn;
        if (running == DRIVER) {
            return;
        }
        LogicalThread s = threads[running];
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement e : s.carrier.getStackTrace()) {
            stack.append("\n        at ").append(e);
        }
        String what = "thread " + s.name + " ran for " + stalledNanos / 1_000_000 + " ms without reaching a "
                + "scheduling point (an endless loop, a plain-field spin, or a blocking call the engine does not "
                + "model); its stack:" + stack;
        synchronized (this) {
            s.stuck = true;
            if (failure == null) {
                failure = new RunFailure(RunFailure.Kind.STALL, s.name, null, what);
            }
            aborting = true;
        }
        s.carrier.interrupt();
        continueAbort();
        long until = System.nanoTime() + 2_000_000_000L;
        while (turn != DRIVER && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(this, 5_000_000L);
        }
    }

    /** Every carrier must be done with its run; one that is not is reported, never silently left behind. */
    private void awaitCarriers() {
        long until = System.nanoTime() + Math.min(cfg.stallNanos(), 2_000_000_000L);
        for (int i = 0; i < nThreads; i++) {
            Carriers.Carrier h = threads[i].handle;
            if (h == null) {
                continue;
            }
            if (!threads[i].started) {
                h.cancel(); // the run ended before its turn to start: nothing to wait for
                continue;
            }
            h.waiter = Thread.currentThread();
            while (!h.finished && System.nanoTime() - until < 0) {
                LockSupport.parkNanos(this, 1_000_000L);
            }
            if (!h.finished) {
                StringBuilder sb = new StringBuilder(threads[i].name);
                StackTraceElement[] st = h.thread.getStackTrace();
                if (st.length > 0) {
                    sb.append(" at ").append(st[0]);
                }
                leaked.add(sb.toString());
            }
        }
        if (!leaked.isEmpty()) {
            String left = "threads left running after the run: " + String.join(", ", leaked);
            // A leak is never silent: it is the failure, or it is told below the failure that came first.
            failure = failure == null ? new RunFailure(RunFailure.Kind.LEAK, null, null, left)
                    : failure.withDetails(left);
        }
    }

    private synchronized void fail(RunFailure f) {
        if (failure == null) {
            failure = f;
        }
        aborting = true;
    }

    // ---------------------------------------------------------------- deciding

    private int decide() {
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
            int m = enabledMode(t);
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
        // Virtual time moves forward only: a timed wait may time out once its deadline has passed, or when it is
        // the earliest deadline pending (the clock then jumps to it). A later deadline cannot fire first.
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (candMode[i] == Op.TIMEOUT) {
                earliest = Math.min(earliest, threads[cand[i]].deadline);
            }
        }
        if (earliest != Long.MAX_VALUE) {
            long due = Math.max(clock, earliest);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (candMode[i] != Op.TIMEOUT || threads[cand[i]].deadline <= due) {
                    cand[kept] = cand[i];
                    candMode[kept] = candMode[i];
                    kept++;
                }
            }
            n = kept;
        }
        // Thread.yield() gives way, as in CHESS's fair scheduler (Musuvathi and Qadeer, PLDI 2008): a thread that
        // yielded runs again only once every thread that could run at its yield has taken a step or blocked.
        // Without this, stateless search keeps finding "spin once more" alternatives in correct spin loops, and
        // two polite spinners could starve the thread they wait for.
        if (n > 1) {
            long runnable = 0;
            for (int i = 0; i < n; i++) {
                if (candMode[i] != Op.SPURIOUS && cand[i] < 64) {
                    runnable |= 1L << cand[i];
                }
            }
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if ((threads[cand[i]].yieldWaitFor & runnable) == 0) {
                    cand[kept] = cand[i];
                    candMode[kept] = candMode[i];
                    kept++;
                }
            }
            // Nobody can be left waiting for a thread that ran since its yield, so someone always remains; the
            // guard only protects against a bug here turning into an empty decision.
            if (kept > 0) {
                n = kept;
            }
        }
        if (!progressPossible && allSpin) {
            // Thread.onSpinWait() is a hint: when nobody else can move, a spinner goes on. One that truly waits for
            // a write that cannot come repeats its loop until maxSteps and is reported as a livelock.
            for (int i = 0; i < nThreads; i++) {
                LogicalThread t = threads[i];
                if (!t.terminated() && t.kind == Op.SPIN && modeOf[i] == Op.NONE) {
                    t.spinForced = true;
                    cand[n] = i;
                    candMode[n] = Op.NORMAL;
                    modeOf[i] = Op.NORMAL;
                    n++;
                    progressPossible = true;
                }
            }
        }
        if (!progressPossible) {
            fail(deadlock());
            return ABORT;
        }
        if (steps >= cfg.maxSteps()) {
            fail(livelock());
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

    private int enabledMode(LogicalThread t) {
        switch (t.kind) {
            case Op.PARK:
                return t.permit || t.interrupted ? Op.NORMAL : timedOrSpurious(t);
            case Op.MONITOR_ENTER: {
                Monitor m = monitors.get(t.loc);
                return m == null || m.owner == null || m.owner == t ? Op.NORMAL : Op.NONE;
            }
            case Op.WAIT_RETURN: {
                Monitor m = monitors.get(t.loc);
                if (m != null && m.owner != null) {
                    return Op.NONE;
                }
                return t.notified || t.interrupted ? Op.NORMAL : timedOrSpurious(t);
            }
            case Op.LOCK:
                if (t.lockBlockedOn == null || (t.interruptible && t.interrupted)) {
                    return Op.NORMAL;
                }
                return t.deadline >= 0 ? Op.TIMEOUT : Op.NONE;
            case Op.AWAIT_RETURN:
                return t.notified || (t.interruptible && t.interrupted) ? Op.NORMAL : timedOrSpurious(t);
            case Op.JOIN:
                if (((LogicalThread) t.loc).terminated() || t.interrupted) {
                    return Op.NORMAL;
                }
                return t.deadline >= 0 ? Op.TIMEOUT : Op.NONE;
            case Op.SLEEP:
                return t.interrupted ? Op.NORMAL : Op.TIMEOUT;
            case Op.SPIN:
                if (t.spinOn != null) {
                    return t.spinWoken ? Op.NORMAL : Op.NONE;
                }
                return writeEpoch > t.spinEpoch ? Op.NORMAL : Op.NONE;
            default:
                return Op.NORMAL;
        }
    }

    private int timedOrSpurious(LogicalThread t) {
        if (t.deadline >= 0) {
            return Op.TIMEOUT;
        }
        return spuriousLeft > 0 ? Op.SPURIOUS : Op.NONE;
    }

    /** Applies the chosen step's effect on the model; called by the decider before the hand-over. */
    private void begin(LogicalThread t, int mode) {
        boolean preempt = t.id != current && !currentFree;
        if (preempt) {
            preemptions++;
        }
        int k = t.kind;
        trace.step(t.id, t.site, k, mode, t.loc, preempt);
        steps++;
        current = t.id;
        t.lastMode = mode;
        t.yielded = Op.yields(k);
        long self = t.id < 64 ? 1L << t.id : 0;
        boolean memoryWrite = k == Op.WRITE || k == Op.RMW;
        // One pass over the others per step (this is the switch path): this step releases a yield that waited
        // for it, and a memory write wakes a spin wait whose iteration read that location.
        for (int i = 0; i < nThreads; i++) {
            LogicalThread o = threads[i];
            o.yieldWaitFor &= ~self;
            if (memoryWrite && i != t.id && t.loc != null) {
                o.noteForeignWrite(t.loc);
            }
        }
        if (k == Op.YIELD) {
            long others = 0;
            for (int i = 0; i < nCand; i++) {
                if (cand[i] != t.id && candMode[i] != Op.SPURIOUS && cand[i] < 64) {
                    others |= 1L << cand[i];
                }
            }
            t.yieldWaitFor = others;
        }
        if (!Op.readOnly(k) && k != Op.YIELD && k != Op.SPIN) {
            writeEpoch++;
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
        switch (k) {
            case Op.PARK:
                if (t.permit) {
                    t.permit = false;
                } else {
                    completeWait(t, mode);
                }
                break;
            case Op.UNPARK:
                ((LogicalThread) t.loc).permit = true;
                break;
            case Op.MONITOR_ENTER: {
                Monitor m = monitor(t.loc);
                m.owner = t;
                m.count++;
                break;
            }
            case Op.MONITOR_EXIT: {
                Monitor m = monitor(t.loc);
                if (--m.count == 0) {
                    m.owner = null;
                }
                break;
            }
            case Op.WAIT: {
                Monitor m = monitor(t.loc);
                t.savedMonitorCount = m.count;
                m.count = 0;
                m.owner = null;
                t.notified = false;
                m.waiters.add(t);
                break;
            }
            case Op.WAIT_RETURN: {
                Monitor m = monitor(t.loc);
                m.waiters.remove(t);
                completeWait(t, mode);
                m.owner = t;
                m.count = t.savedMonitorCount;
                break;
            }
            case Op.NOTIFY:
            case Op.NOTIFY_ALL: {
                ArrayDeque<LogicalThread> w = monitor(t.loc).waiters;
                do {
                    LogicalThread x = w.poll();
                    if (x == null) {
                        break;
                    }
                    x.notified = true;
                } while (k == Op.NOTIFY_ALL);
                break;
            }
            case Op.AWAIT:
                condWaiters.computeIfAbsent(t.loc, c -> new ArrayDeque<>()).add(t);
                t.notified = false;
                break;
            case Op.AWAIT_RETURN: {
                ArrayDeque<LogicalThread> w = condWaiters.get(t.loc);
                if (w != null) {
                    w.remove(t);
                }
                completeWait(t, mode);
                break;
            }
            case Op.SIGNAL:
            case Op.SIGNAL_ALL: {
                ArrayDeque<LogicalThread> w = condWaiters.get(t.loc);
                while (w != null) {
                    LogicalThread x = w.poll();
                    if (x == null) {
                        break;
                    }
                    x.notified = true;
                    if (k == Op.SIGNAL) {
                        break;
                    }
                }
                break;
            }
            case Op.JOIN:
            case Op.SLEEP:
            case Op.LOCK:
                if (mode == Op.TIMEOUT) {
                    advanceClock(t.deadline);
                }
                break;
            case Op.INTERRUPT:
                ((LogicalThread) t.loc).interrupted = true;
                break;
            default:
                break;
        }
        chooser.onStep(this, t, mode);
    }

    private void completeWait(LogicalThread t, int mode) {
        if (mode == Op.SPURIOUS) {
            spuriousLeft--;
        } else if (mode == Op.TIMEOUT) {
            advanceClock(t.deadline);
        }
    }

    private void advanceClock(long deadline) {
        if (deadline > clock) {
            clock = deadline;
        }
    }

    private Monitor monitor(Object o) {
        Monitor m = monitors.get(o);
        if (m == null) {
            m = new Monitor();
            monitors.put(o, m);
        }
        return m;
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
        self.kind = kind;
        self.loc = loc;
        self.loc2 = loc2;
        self.site = site;
        self.deadline = deadline;
        if (kind == Op.SPIN) {
            // A spin loop waits for a write to what its iteration read: enabling it on any write would make the
            // exhaustive search try "spin once more" after every unrelated write of every other thread.
            self.spinEpoch = writeEpoch;
            self.spinOn = self.nSpinReads == 0 || self.spinOverflow ? null
                    : Arrays.copyOf(self.spinReads, self.nSpinReads);
        }
        bumpProgress();
        if (self.priming && primed(self)) {
            awaitTurn(self);
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
        handTo(next);
        awaitTurn(self);
    }

    // ---------------------------------------------------------------- operations (called by the hooks)

    /** Atomics, VarHandles and volatile fields. */
    public void access(LogicalThread self, int kind, Object loc, int site) {
        point(self, kind, loc, null, site, -1);
    }

    /** LockSupport.park*: nanos &lt; 0 means untimed. */
    public void park(LogicalThread self, long nanos, int site) {
        if (nanos == 0) {
            nanos = 1; // parkNanos(0) returns at once: a timeout that is due now
        }
        long deadline = nanos < 0 ? -1 : clock + nanos;
        point(self, Op.PARK, self, deadline >= 0 ? Op.CLOCK_LOC : Op.BUDGET, site, deadline);
    }

    /** LockSupport.parkUntil with an absolute wall-clock deadline in ms. */
    public void parkUntil(LogicalThread self, long epochMillis, int site) {
        long deadline = Math.max(0, (epochMillis - MILLIS_BASE) * 1_000_000L);
        point(self, Op.PARK, self, Op.CLOCK_LOC, site, Math.max(deadline, clock));
    }

    /** LockSupport.unpark; a thread foreign to this run is unparked for real. */
    public void unpark(LogicalThread self, Thread thread, int site) {
        LogicalThread target = thread == null ? null : byIdentity.get(thread);
        if (target == null) {
            if (thread != null) {
                LockSupport.unpark(thread);
            }
            return;
        }
        point(self, Op.UNPARK, target, null, site, -1);
    }

    /** @return the object the rewritten monitorenter locks (a per-thread token: the monitor is modelled) */
    public Object monitorEnter(LogicalThread self, Object o, int site) {
        if (o == null) {
            throw new NullPointerException("Cannot enter synchronized block because the lock is null");
        }
        point(self, Op.MONITOR_ENTER, o, null, site, -1);
        return self.monitorToken;
    }

    /** Never throws an abort: javac's handlers of synchronized blocks cover the exit itself. */
    public Object monitorExit(LogicalThread self, Object o, int site) {
        Monitor m = monitors.get(o);
        if (m == null || m.owner != self) {
            if (aborting) {
                return self.monitorToken;
            }
            throw new IllegalMonitorStateException("current thread is not owner");
        }
        if (!aborting) {
            try {
                point(self, Op.MONITOR_EXIT, o, null, site, -1);
                return self.monitorToken;
            } catch (Abort a) {
                // fall through to the silent release below
            }
        }
        if (--m.count == 0) {
            m.owner = null;
        }
        return self.monitorToken;
    }

    /** @return whether self holds the modelled monitor of o */
    public boolean holdsLock(LogicalThread self, Object o) {
        Monitor m = monitors.get(o);
        return m != null && m.owner == self;
    }

    /** Object.wait: nanos &lt; 0 means untimed. */
    public void objectWait(LogicalThread self, Object o, long nanos, int site) throws InterruptedException {
        Monitor m = monitors.get(o);
        if (m == null || m.owner != self) {
            throw new IllegalMonitorStateException("current thread is not owner");
        }
        if (self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        point(self, Op.WAIT, o, null, site, -1);
        long deadline = nanos < 0 ? -1 : clock + Math.max(1, nanos);
        point(self, Op.WAIT_RETURN, o, deadline >= 0 ? Op.CLOCK_LOC : Op.BUDGET, site, deadline);
        if (!self.notified && self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
    }

    /** Object.notify / notifyAll. */
    public void objectNotify(LogicalThread self, Object o, boolean all, int site) {
        Monitor m = monitors.get(o);
        if (m == null || m.owner != self) {
            throw new IllegalMonitorStateException("current thread is not owner");
        }
        point(self, all ? Op.NOTIFY_ALL : Op.NOTIFY, o, null, site, -1);
    }

    /** Lock.lock / lockInterruptibly: a loop of acquisition attempts, blocked between a failed one and an unlock. */
    public void lock(LogicalThread self, Lock l, boolean interruptible, int site) throws InterruptedException {
        Object key = lockKey(l);
        self.interruptible = interruptible;
        try {
            for (;;) {
                point(self, Op.LOCK, key, null, site, -1);
                if (interruptible && self.interrupted) {
                    self.interrupted = false;
                    throw new InterruptedException();
                }
                if (l.tryLock()) {
                    return;
                }
                self.lockBlockedOn = key;
            }
        } finally {
            self.lockBlockedOn = null;
            self.interruptible = false;
        }
    }

    /** Lock.tryLock(time, unit). */
    public boolean tryLock(LogicalThread self, Lock l, long nanos, int site) throws InterruptedException {
        Object key = lockKey(l);
        long deadline = clock + Math.max(0, nanos);
        self.interruptible = true;
        try {
            for (;;) {
                point(self, Op.LOCK, key, Op.CLOCK_LOC, site, deadline);
                if (self.lastMode == Op.TIMEOUT) {
                    return false;
                }
                if (self.interrupted) {
                    self.interrupted = false;
                    throw new InterruptedException();
                }
                if (l.tryLock()) {
                    return true;
                }
                self.lockBlockedOn = key;
            }
        } finally {
            self.lockBlockedOn = null;
            self.interruptible = false;
        }
    }

    /** Lock.tryLock(). */
    public boolean tryLock(LogicalThread self, Lock l, int site) {
        point(self, Op.TRY_LOCK, lockKey(l), null, site, -1);
        return l.tryLock();
    }

    /** Lock.unlock: never throws an abort (it sits in finally blocks). */
    public void unlock(LogicalThread self, Lock l, int site) {
        Object key = lockKey(l);
        if (!aborting) {
            try {
                point(self, Op.UNLOCK, key, null, site, -1);
            } catch (Abort a) {
                // release anyway; the thread unwinds at its next scheduling point
            }
        }
        l.unlock();
        unblock(key);
    }

    private void unblock(Object key) {
        for (int i = 0; i < nThreads; i++) {
            if (threads[i].lockBlockedOn == key) {
                threads[i].lockBlockedOn = null;
            }
        }
    }

    /** Records which lock a condition belongs to; called in and outside controlled runs. */
    public static void registerCondition(Condition c, Lock l) {
        if (c != null) {
            CONDITION_LOCKS.put(c, l);
        }
    }

    /** Records the read-write lock a read or write lock belongs to. */
    public static void registerLockParent(Lock child, Object parent) {
        if (child != null) {
            LOCK_PARENTS.put(child, parent);
        }
    }

    private static Object lockKey(Lock l) {
        Object parent = LOCK_PARENTS.get(l);
        return parent != null ? parent : l;
    }

    /** Condition.await*: nanos &lt; 0 means untimed. @return the nanoseconds left, &lt;= 0 when timed out */
    public long await(LogicalThread self, Condition c, long nanos, boolean interruptible, int site)
            throws InterruptedException {
        Lock l = CONDITION_LOCKS.get(c);
        if (l == null) {
            throw new IllegalStateException("Futex Lab cannot model this Condition: it was created outside "
                    + "instrumented code, so its lock is unknown. Create it with lock.newCondition() in a "
                    + "package the scenario instruments (see @KernelScenario(instrument)).");
        }
        if (!heldByCurrentThread(l)) {
            throw new IllegalMonitorStateException("await without holding the condition's lock");
        }
        if (interruptible && self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        Object key = lockKey(l);
        point(self, Op.AWAIT, c, key, site, -1);
        int holds = holdCount(l);
        for (int i = 0; i < holds; i++) {
            l.unlock();
        }
        unblock(key);
        long deadline = nanos < 0 ? -1 : clock + Math.max(1, nanos);
        self.interruptible = interruptible;
        point(self, Op.AWAIT_RETURN, c, deadline >= 0 ? Op.CLOCK_LOC : Op.BUDGET, site, deadline);
        self.interruptible = false;
        boolean timedOut = self.lastMode == Op.TIMEOUT;
        boolean interruptedWake = interruptible && !self.notified && self.interrupted;
        for (int i = 0; i < holds; i++) {
            lock(self, l, false, site);
        }
        if (interruptedWake) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        return timedOut ? 0 : (deadline < 0 ? 1 : Math.max(1, deadline - clock));
    }

    private static boolean heldByCurrentThread(Lock l) {
        if (l instanceof ReentrantLock) {
            return ((ReentrantLock) l).isHeldByCurrentThread();
        }
        if (l instanceof ReentrantReadWriteLock.WriteLock) {
            return ((ReentrantReadWriteLock.WriteLock) l).isHeldByCurrentThread();
        }
        return true;
    }

    private static int holdCount(Lock l) {
        if (l instanceof ReentrantLock) {
            return ((ReentrantLock) l).getHoldCount();
        }
        if (l instanceof ReentrantReadWriteLock.WriteLock) {
            return ((ReentrantReadWriteLock.WriteLock) l).getHoldCount();
        }
        return 1;
    }

    /** Condition.signal / signalAll. */
    public void signal(LogicalThread self, Condition c, boolean all, int site) {
        Lock l = CONDITION_LOCKS.get(c);
        if (l != null && !heldByCurrentThread(l)) {
            throw new IllegalMonitorStateException("signal without holding the condition's lock");
        }
        point(self, all ? Op.SIGNAL_ALL : Op.SIGNAL, c, null, site, -1);
    }

    /** Thread.start: the new thread becomes a logical thread of this run, primed within this step. */
    public void start(LogicalThread self, Thread th, int site) {
        if (byIdentity.containsKey(th)) {
            throw new IllegalThreadStateException(th.getName() + " was already started");
        }
        point(self, Op.START, null, null, site, -1);
        LogicalThread child = newThread(th.getName(), th::run, th, self.id);
        prime(child, self);
    }

    /** Thread.join: nanos &lt; 0 means untimed. */
    public void join(LogicalThread self, Thread th, long nanos, int site) throws InterruptedException {
        LogicalThread target = byIdentity.get(th);
        if (target == null) {
            if (th.isAlive()) {
                throw new IllegalStateException("cannot join " + th.getName() + ": it is not a thread of this "
                        + "scenario (was it started outside instrumented code?)");
            }
            return; // never started: join returns at once
        }
        if (self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
        long deadline = nanos < 0 ? -1 : clock + Math.max(1, nanos);
        point(self, Op.JOIN, target, deadline >= 0 ? Op.CLOCK_LOC : null, site, deadline);
        if (!target.terminated() && self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException();
        }
    }

    /** Thread.sleep. */
    public void sleep(LogicalThread self, long nanos, int site) throws InterruptedException {
        if (self.interrupted) {
            self.interrupted = false;
            throw new InterruptedException("sleep interrupted");
        }
        point(self, Op.SLEEP, null, Op.CLOCK_LOC, site, clock + Math.max(0, nanos));
        if (self.lastMode == Op.NORMAL) {
            self.interrupted = false;
            throw new InterruptedException("sleep interrupted");
        }
    }

    /** Thread.yield. */
    public void yield(LogicalThread self, int site) {
        point(self, Op.YIELD, null, null, site, -1);
    }

    /** Thread.onSpinWait: enabled again only after another thread wrote. */
    public void onSpinWait(LogicalThread self, int site) {
        point(self, Op.SPIN, null, null, site, -1);
    }

    /** Thread.interrupt. */
    public void interrupt(LogicalThread self, Thread th, int site) {
        LogicalThread target = byIdentity.get(th);
        if (target == null) {
            th.interrupt();
            return;
        }
        point(self, Op.INTERRUPT, target, null, site, -1);
    }

    /** Thread.isInterrupted / Thread.interrupted. */
    public boolean isInterrupted(LogicalThread self, Thread th, boolean clear, int site) {
        LogicalThread target = byIdentity.get(th);
        if (target == null) {
            return clear ? Thread.interrupted() : th.isInterrupted();
        }
        point(self, Op.INTERRUPTED, target, null, site, -1);
        boolean r = target.interrupted;
        if (clear) {
            target.interrupted = false;
        }
        return r;
    }

    /** Thread.isAlive. */
    public boolean isAlive(LogicalThread self, Thread th, int site) {
        LogicalThread target = byIdentity.get(th);
        if (target == null) {
            return th.isAlive();
        }
        point(self, Op.IS_ALIVE, target, null, site, -1);
        return !target.terminated();
    }

    /** Thread.currentThread in instrumented code. */
    public Thread currentThread(LogicalThread self) {
        return self.identity;
    }

    /** System.nanoTime: the virtual clock. */
    public long nanoTime(LogicalThread self, int site) {
        point(self, Op.CLOCK, Op.CLOCK_LOC, null, site, -1);
        return NANO_BASE + clock;
    }

    /** System.currentTimeMillis: the virtual clock. */
    public long currentTimeMillis(LogicalThread self, int site) {
        point(self, Op.CLOCK, Op.CLOCK_LOC, null, site, -1);
        return MILLIS_BASE + clock / 1_000_000L;
    }

    // ---------------------------------------------------------------- reports

    private RunFailure deadlock() {
        StringBuilder sb = new StringBuilder("every live thread is blocked:");
        for (int i = 0; i < nThreads; i++) {
            LogicalThread t = threads[i];
            if (!t.terminated()) {
                sb.append("\n    ").append(t.name).append(": ").append(blockedReason(t)).append("  at ")
                        .append(Sites.get(t.site).where());
            }
        }
        for (int i = 0; i < nThreads; i++) {
            if (threads[i].terminated()) {
                sb.append("\n    ").append(threads[i].name).append(": finished");
            }
        }
        return new RunFailure(RunFailure.Kind.DEADLOCK, null, null, sb.toString());
    }

    private RunFailure livelock() {
        int n = trace.size;
        int window = Math.min(n, 600);
        int period = 0;
        for (int p = 1; p * 3 <= window && period == 0; p++) {
            boolean periodic = true;
            for (int i = n - 1; i >= n - 3 * p + p && periodic; i--) {
                periodic = trace.thread[i] == trace.thread[i - p] && trace.site[i] == trace.site[i - p];
            }
            if (periodic) {
                period = p;
            }
        }
        StringBuilder sb = new StringBuilder("the schedule took " + n + " steps (maxSteps) without finishing;");
        int from;
        if (period > 0) {
            sb.append(" these ").append(period).append(" steps repeat:");
            from = n - period;
        } else {
            sb.append(" no exact cycle; the last steps were:");
            from = Math.max(0, n - 12);
        }
        for (int i = from; i < n; i++) {
            Sites.Site s = Sites.get(trace.site[i]);
            sb.append("\n    ").append(threads[trace.thread[i]].name).append(": ").append(s.op).append("  at ")
                    .append(s.where());
        }
        return new RunFailure(RunFailure.Kind.LIVELOCK, null, null, sb.toString());
    }

    private String blockedReason(LogicalThread t) {
        switch (t.kind) {
            case Op.PARK:
                return "parked, and no unpark is pending";
            case Op.MONITOR_ENTER: {
                Monitor m = monitors.get(t.loc);
                return "waiting for the monitor of " + describe(t.loc)
                        + (m != null && m.owner != null ? ", held by " + m.owner.name : "");
            }
            case Op.WAIT_RETURN: {
                Monitor m = monitors.get(t.loc);
                if (m != null && m.owner != null) {
                    return "notified, waiting to re-acquire " + describe(t.loc) + ", held by " + m.owner.name;
                }
                return "in Object.wait() on " + describe(t.loc) + ", never notified";
            }
            case Op.LOCK:
                return "waiting for " + describe(t.loc);
            case Op.AWAIT_RETURN:
                return "awaiting " + describe(t.loc) + ", never signalled";
            case Op.JOIN:
                return "joining " + ((LogicalThread) t.loc).name;
            default:
                return Op.name(t.kind);
        }
    }

    private static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        return o.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }

    private static String shortName(String scenario) {
        int hash = scenario.lastIndexOf('#');
        int dot = scenario.lastIndexOf('.', hash < 0 ? scenario.length() : hash);
        return scenario.substring(dot + 1);
    }

    // ---------------------------------------------------------------- accessors for choosers and reports

    /** @return the run's steps so far */
    public int steps() {
        return steps;
    }

    /** @return enabled candidates (thread ids ascending); valid during {@link Chooser#choose} */
    public int[] candidates() {
        return cand;
    }

    /** @return the candidates' modes, parallel to {@link #candidates()} */
    public int[] candidateModes() {
        return candMode;
    }

    /** @return the number of candidates at the current decision */
    public int candidateCount() {
        return nCand;
    }

    /** @return the thread that took the last step, or -1 */
    public int currentThread() {
        return current;
    }

    /** @param id a thread id @return whether choosing it now would be a preemption */
    public boolean isPreemption(int id) {
        return id != current && !currentFree;
    }

    /** @return whether switching away from the current thread now is free (it is blocked, yielded or done) */
    public boolean currentFree() {
        return currentFree;
    }

    /** @return preemptions so far */
    public int preemptions() {
        return preemptions;
    }

    /** @return the number of threads created so far */
    public int threadCount() {
        return nThreads;
    }

    /** @param id a thread id @return the thread */
    public LogicalThread thread(int id) {
        return threads[id];
    }

    /** @return the remaining spurious wake-up budget */
    public int spuriousLeft() {
        return spuriousLeft;
    }

    /** @return the trace */
    public Trace trace() {
        return trace;
    }

    /** @return the virtual clock in ns */
    public long clock() {
        return clock;
    }

    /** @return the scenario id */
    public String scenario() {
        return scenario;
    }
}
