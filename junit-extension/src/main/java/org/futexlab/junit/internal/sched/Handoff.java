package org.futexlab.junit.internal.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off of the turn between the carriers of one run, and the driver's watch over them.
 *
 * <p>A thread resumes only when {@link #turn} names it, so everything a thread wrote before handing over is visible
 * to the next (the volatile write and read of {@code turn} order them). Declared threads prime in a chain: each one,
 * at its first scheduling point, starts the next, and the last makes the first decision, so the driver is woken once
 * per run rather than twice per thread. A thread started at run time primes inside its creator's step and hands the
 * turn back. An aborted run unwinds thread by thread: each live thread gets the turn once, throws {@link Abort}
 * from its scheduling point, and passes the turn on; the last one hands it to the driver.
 *
 * <p>The driver (the test's thread) only starts the run and waits for it, bounded, doubling as the watchdog of
 * threads that never reach a scheduling point and as the enforcer of the scenario's deadline. Every carrier must be
 * done with its run before {@link #runDeclared} returns; one that is not is reported as leaked, never left silently.
 */
final class Handoff {
    static final int DRIVER = -1;

    private static final VarHandle PROGRESS;

    static {
        try {
            PROGRESS = MethodHandles.lookup().findVarHandle(Handoff.class, "progress", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Run run;
    private final Thread driver;
    volatile int turn = DRIVER;
    private int declared;
    private int primeNext;
    final List<String> leaked = new ArrayList<>();
    @SuppressWarnings("unused") // accessed through PROGRESS
    private int progress;

    Handoff(Run run) {
        this.run = run;
        this.driver = Thread.currentThread();
    }

    /** Starts the declared threads' priming chain and waits, as the watchdog, until the run is over. */
    void runDeclared(int count) {
        declared = count;
        primeNext = 1;
        LogicalThread first = run.threads[0];
        turn = 0;
        first.started = true;
        first.handle.start();
        driverWait();
        awaitCarriers();
    }

    /** Gives a thread its carrier; identity and carrier are known before any of its body can run. */
    void prepare(LogicalThread t) {
        t.priming = true;
        String carrierName = "futex " + shortName(run.scenario) + "/" + t.name;
        Carriers.Carrier handle = run.cfg.carriers().prepare(carrierName, () -> carrierMain(t));
        Thread c = handle.thread;
        t.carrier = c;
        t.handle = handle;
        if (t.identity == null) {
            t.identity = c;
        }
        run.byIdentity.put(c, t);
        run.byIdentity.put(t.identity, t);
    }

    /**
     * Called when a thread has run its prologue (reached its first scheduling point, or ended without one).
     *
     * @return true when the turn was handed on; false when the caller, the last declared thread, must make the
     *     first decision
     */
    boolean primed(LogicalThread t) {
        t.priming = false;
        if (t.creator != DRIVER) {
            handTo(t.creator);
            return true;
        }
        if (primeNext < declared && !run.aborting) {
            LogicalThread next = run.threads[primeNext++];
            turn = next.id;
            next.started = true;
            next.handle.start();
            return true;
        }
        if (run.aborting) {
            continueAbort();
            return true;
        }
        return false;
    }

    private void carrierMain(LogicalThread t) {
        Run.CURRENT.set(t);
        Throwable error = null;
        try {
            while (turn != t.id) {
                LockSupport.park(this);
            }
            if (!run.aborting) {
                t.body.run();
            }
        } catch (Abort a) {
            // unwound by an abort
        } catch (Throwable e) {
            error = e;
        } finally {
            try {
                run.threadEnd(t, error);
            } finally {
                Run.CURRENT.remove();
            }
        }
    }

    /** A thread ended while the run unwinds: its creator resumes if it was priming, else the unwinding goes on. */
    void endedWhileAborting(LogicalThread t) {
        if (t.priming && t.creator != DRIVER) {
            t.priming = false;
            handTo(t.creator);
        } else {
            continueAbort();
        }
    }

    /** Hands the turn to the next live thread so that it unwinds; the last one hands it to the driver. */
    void continueAbort() {
        synchronized (run) {
            for (int i = 0; i < run.nThreads; i++) {
                LogicalThread o = run.threads[i];
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
    }

    void handTo(int id) {
        turn = id;
        if (id == DRIVER) {
            LockSupport.unpark(driver);
            return;
        }
        LogicalThread t = run.threads[id];
        if (!t.started) {
            // A thread started at run time, chosen for its BEGIN step: its carrier starts now, at its turn.
            t.started = true;
            t.handle.start();
        } else {
            LockSupport.unpark(t.carrier);
        }
    }

    void awaitTurn(LogicalThread self) {
        while (turn != self.id) {
            LockSupport.park(this);
        }
        if (run.aborting) {
            throw Run.ABORT_ERROR;
        }
    }

    /** Tells the watchdog that the running thread reached a scheduling point or ended. */
    void bumpProgress() {
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
            if (now - run.cfg.deadlineNanos() > 0 && !run.aborting) {
                run.fail(new RunFailure(RunFailure.Kind.TIMEOUT, null, null,
                        "the scenario's wall-clock limit ran out during this schedule"));
            }
            if (now - since > run.cfg.stallNanos()) {
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
        LogicalThread s = run.threads[running];
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement e : s.carrier.getStackTrace()) {
            stack.append("\n        at ").append(e);
        }
        String what = "thread " + s.name + " ran for " + stalledNanos / 1_000_000 + " ms without reaching a "
                + "scheduling point (an endless loop, a plain-field spin, or a blocking call the engine does not "
                + "model); its stack:" + stack;
        synchronized (run) {
            s.stuck = true;
            run.fail(new RunFailure(RunFailure.Kind.STALL, s.name, null, what));
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
        long until = System.nanoTime() + Math.min(run.cfg.stallNanos(), 2_000_000_000L);
        for (int i = 0; i < run.nThreads; i++) {
            LogicalThread t = run.threads[i];
            Carriers.Carrier h = t.handle;
            if (h == null) {
                continue;
            }
            if (!t.started) {
                h.cancel(); // the run ended before its turn to start: nothing to wait for
                continue;
            }
            h.waiter = Thread.currentThread();
            while (!h.finished && System.nanoTime() - until < 0) {
                LockSupport.parkNanos(this, 1_000_000L);
            }
            if (!h.finished) {
                StringBuilder sb = new StringBuilder(t.name);
                StackTraceElement[] st = h.thread.getStackTrace();
                if (st.length > 0) {
                    sb.append(" at ").append(st[0]);
                }
                leaked.add(sb.toString());
            }
        }
        if (!leaked.isEmpty()) {
            run.addLeak("threads left running after the run: " + String.join(", ", leaked));
        }
    }

    private static String shortName(String scenario) {
        int hash = scenario.lastIndexOf('#');
        int dot = scenario.lastIndexOf('.', hash < 0 ? scenario.length() : hash);
        return scenario.substring(dot + 1);
    }
}
