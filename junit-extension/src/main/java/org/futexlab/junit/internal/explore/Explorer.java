package org.futexlab.junit.internal.explore;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Statics;
import org.futexlab.junit.Timeouts;
import org.futexlab.junit.Variants;
import org.futexlab.junit.tooling.ReplayToken;
import org.futexlab.junit.internal.instrument.FutexAgent;
import org.futexlab.junit.internal.ops.SiteScope;
import org.futexlab.junit.internal.sched.Carriers;
import org.futexlab.junit.internal.sched.Chooser;
import org.futexlab.junit.internal.sched.Run;
import org.futexlab.junit.internal.sched.RunConfig;
import org.futexlab.junit.internal.sched.RunFailure;
import org.futexlab.junit.tooling.Schedule;
import org.futexlab.junit.internal.sched.Trace;

/**
 * Drives one exploration: runs schedules chosen by the strategy until one fails, the budget is spent or
 * (EXHAUSTIVE) the search is complete; then shrinks the failure, replays it with full detail and reports it.
 * RANDOM and PCT may run schedules on several threads ({@link SampledSearch}), with the same result.
 */
public final class Explorer implements AutoCloseable {
    private final String id;
    private final Settings st;
    private final ScenarioBody body;
    private final Variants variants;
    private final RunConfig cfg;
    private final long start;
    /** Summed from every thread that runs schedules. */
    private final AtomicLong stepsRun = new AtomicLong();
    /**
     * What the linearizability probe built (or threw) for a thread scenario: the first schedule's scenario. Every
     * strategy runs its first schedule alone, so no other thread can take it.
     */
    private ScenarioImpl probed;
    private Throwable probeError;
    private final long deadline;
    private final LeakWatch leaks = new LeakWatch();
    /** The schedule to replay, or null to explore. */
    private final ReplayToken token;
    private final Evidence evidence;

    private Explorer(String id, Settings st, ReplayToken token, ScenarioBody body, List<String> scope) {
        this.id = id;
        this.st = st;
        this.token = token;
        this.body = body;
        this.variants = Variants.of(st.variants());
        this.start = System.nanoTime();
        this.deadline = start + st.timeout().toNanos();
        this.evidence = new Evidence(st.get(Settings.STATICS) == Statics.RESET);
        this.cfg = new RunConfig(st.maxSteps(), st.spuriousWakeups(), st.stallTimeout().toNanos(), deadline,
                Carriers.of(st.carrier()), false, st.get(Settings.RACES), st.get(Settings.BENIGN_RACES),
                st.get(Settings.TIMEOUTS) == Timeouts.WHEN_STUCK, new SiteScope(scope));
    }

    /**
     * Explores a scenario.
     *
     * @param id the scenario's id, which names it in reports and replay tokens
     * @param packages packages to instrument besides {@link Settings#instrument()}
     * @param token the schedule to replay, decoded and checked by the caller, or null to explore
     */
    static Exploration explore(String id, List<String> packages, Settings st, ReplayToken token, ScenarioBody body) {
        FutexAgent.ensureInstalled();
        List<String> all = new ArrayList<>(packages);
        all.addAll(st.instrument());
        FutexAgent.addPackages(all);
        all.addAll(FutexAgent.addDeclaredPackages(Thread.currentThread().getContextClassLoader()));
        FutexAgent.retransformPending();
        try (Explorer e = new Explorer(id, st, token, body, all)) {
            ExplorationResult checked = e.linearizabilityCheck();
            if (checked != null) {
                return checked.toExploration();
            }
            if (token != null) {
                return e.replay().toExploration();
            }
            switch (st.strategy()) {
                case RANDOM:
                    return e.sampled(false).toExploration();
                case PCT:
                    return e.sampled(true).toExploration();
                default:
                    return e.exhaustive().toExploration();
            }
        }
    }

    /** The Maven coordinates to name when Lincheck is missing. */
    static final String LINCHECK = "org.jetbrains.lincheck:lincheck:3.7";

    /**
     * A scenario that asks for a linearizability check is one: Lincheck's model checking runs instead of the
     * strategy, with the scenario's budget counted in invocations (half to the added scenarios, then up to 100
     * per iteration, each a new random scenario).
     *
     * @return the result, or null when the scenario declares threads (or fails to build): the strategy's first
     *     schedule then runs what this built, so the probe costs no extra call of the scenario body
     */
    private ExplorationResult linearizabilityCheck() {
        ScenarioImpl s = new ScenarioImpl(id, variants);
        try {
            body.build(s);
        } catch (Throwable e) {
            probeError = e;
            return null;
        }
        LinearizabilitySpec spec = s.linearizability;
        if (spec == null) {
            probed = s;
            return null;
        }
        if (!s.threadNames.isEmpty()) {
            return failedToRun(new RunFailure(RunFailure.Kind.SETUP, null, null, "the scenario declares threads "
                    + s.threadNames + " and asks for a linearizability check of " + spec.operations.getName()
                    + ": a scenario is one or the other"));
        }
        if (!spec.lincheckVisible()) {
            return failedToRun(new RunFailure(RunFailure.Kind.SETUP, null, null, "the scenario asks for a "
                    + "linearizability check, which needs Lincheck on the test class path, and it is not there: "
                    + "add " + LINCHECK + " (test scope); it is an optional dependency of futex-junit-extension"));
        }
        // Half the budget to the scenarios the author added, shared equally: they name what must meet for the bug
        // to show, and only the interleavings are left to find. Of the rest, many short iterations beat few long
        // ones: each iteration is a fresh random scenario, and a bug needs the right operations side by side
        // before any interleaving can show it.
        int invocations = st.schedules();
        int added = spec.scenarios.size();
        int perAdded = added == 0 ? 0 : Math.max(1, invocations / 2 / added);
        int random = Math.max(0, invocations - added * perAdded);
        int perIteration = Math.min(random, Math.min(100, Math.max(10, random / 10)));
        int iterations = random == 0 ? 0 : random / perIteration;
        LincheckBridge.Checked c;
        try {
            c = LincheckBridge.check(spec, perAdded, iterations, perIteration, deadline);
        } catch (IllegalStateException e) {
            return failedToRun(new RunFailure(RunFailure.Kind.SETUP, null, null, e.getMessage()));
        }
        int explored = c.addedStarted() * perAdded + c.iterationsStarted() * perIteration;
        if (c.failure() == null && (c.addedStarted() < added || c.iterationsStarted() < iterations)) {
            return timedOut(explored, 0);
        }
        ExplorationResult r = base(explored, 0, false);
        if (c.failure() == null) {
            r.outcome = Exploration.Outcome.PASSED;
            r.report = id + (variants.isBaseline() ? "" : " [variants " + variants + "]") + ": linearizable in "
                    + r.schedules + " Lincheck invocations (" + spec + ") (" + ExplorationReports.duration(r.elapsedNanos) + ")";
            return r;
        }
        String how = "Lincheck model checking, " + spec + ": " + (added == 0 ? "" : perAdded
                + " invocations per added scenario, then ") + iterations + " random iterations x " + perIteration
                + " invocations; found in " + c.foundIn();
        r.outcome = Exploration.Outcome.FAILED;
        r.failure = new RunFailure(RunFailure.Kind.LINEARIZABILITY, spec.operations.getSimpleName(), null,
                c.failure().strip() + "\n(" + how + ")");
        r.report = ExplorationReports.failureReport(r);
        return r;
    }

    private ExplorationResult failedToRun(RunFailure f) {
        ExplorationResult r = base(0, 0, false);
        r.outcome = Exploration.Outcome.ERROR;
        r.failure = f;
        r.report = ExplorationReports.failureReport(r);
        return r;
    }

    /** For tests of strategies: runs single schedules of a scenario with any chooser. */
    static Explorer forTesting(String id, Settings st, ScenarioBody body) {
        FutexAgent.ensureInstalled();
        FutexAgent.addPackages(st.instrument());
        FutexAgent.retransformPending();
        return new Explorer(id, st, null, body, st.instrument());
    }

    Sched runOnce(Chooser chooser) {
        return runOnce(chooser, cfg);
    }

    @Override
    public void close() {
        cfg.carriers().close();
    }

    /** What one schedule did. */
    /**
     * What one schedule did.
     *
     * @param failure its failure, or null
     * @param trace its steps and decisions, or null when it never ran (a setup failure)
     * @param preemptions preemptions it took
     * @param steps steps it took
     * @param threads the names of its threads, in creation order
     * @param pruned whether the search abandoned it (a sleep-set blocked execution): it is no schedule
     */
    record Sched(RunFailure failure, Trace trace, int preemptions, int steps, List<String> threads, boolean pruned) {}

    Sched runOnce(Chooser chooser, RunConfig c) {
        Sched r = execute(chooser, c);
        stepsRun.addAndGet(r.steps());
        return r;
    }

    private Sched execute(Chooser chooser, RunConfig c) {
        ScenarioImpl s = probed;
        Throwable built = probeError;
        probed = null;
        probeError = null;
        if (s == null && built == null) {
            s = new ScenarioImpl(id, variants);
            try {
                body.build(s);
            } catch (Throwable e) {
                built = e;
            }
        }
        if (built != null) {
            Throwable cause = built instanceof InvocationTargetException ? built.getCause() : built;
            return setup(new RunFailure(RunFailure.Kind.SETUP, null, cause,
                    "the scenario method threw while building its state, before any thread ran"));
        }
        s.seal();
        if (s.threadNames.isEmpty()) {
            return setup(new RunFailure(RunFailure.Kind.SETUP, null, null, "the scenario declares no threads: call "
                    + "scenario.thread(name, body) in its body"));
        }
        evidence.beforeSchedule();
        Run run = new Run(id, c, chooser);
        RunFailure f;
        try {
            f = run.execute(s.threadNames, s.threadBodies);
        } catch (IllegalStateException e) {
            return setup(new RunFailure(RunFailure.Kind.SETUP, null, null, e.getMessage()));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < run.threadCount(); i++) {
            names.add(run.thread(i).name);
        }
        evidence.afterSchedule(run);
        if (run.pruned()) {
            return new Sched(null, run.trace(), run.preemptions(), run.steps(), names, true);
        }
        if (f == null) {
            String leaked = leaks.check();
            if (leaked != null) {
                f = new RunFailure(RunFailure.Kind.LEAK, null, null, leaked);
            }
        }
        if (f == null) {
            List<Map.Entry<String, Throwable>> failed = failingChecks(s, false);
            if (!failed.isEmpty()) {
                f = new RunFailure(RunFailure.Kind.CHECK, failed.get(0).getKey(), failed.get(0).getValue(), null);
            }
        } else if (f.kind == RunFailure.Kind.DEADLOCK) {
            // Every thread is blocked, so the state is consistent: the checks can say why (a model's log, say).
            StringBuilder also = new StringBuilder();
            for (Map.Entry<String, Throwable> check : failingChecks(s, true)) {
                also.append("\n  check \"").append(check.getKey()).append("\" fails too: ")
                        .append(String.valueOf(check.getValue().getMessage()).strip().replace("\n", "\n    "));
            }
            if (also.length() > 0) {
                f = f.withDetails(also.substring(1)); // each "check ... fails too" on a line of its own
            }
        }
        return new Sched(f, run.trace(), run.preemptions(), run.steps(), names, false);
    }

    /**
     * Runs the scenario's checks in declaration order: all of them, or up to the first that fails.
     *
     * @return each failing check's name and what it threw
     */
    private static List<Map.Entry<String, Throwable>> failingChecks(ScenarioImpl s, boolean all) {
        List<Map.Entry<String, Throwable>> failed = List.of(); // the common case, a passing schedule, allocates none
        for (int i = 0; i < s.checks.size() && (all || failed.isEmpty()); i++) {
            try {
                s.checks.get(i).run();
            } catch (Throwable e) {
                if (failed.isEmpty()) {
                    failed = new ArrayList<>();
                }
                failed.add(Map.entry(s.checkNames.get(i), e));
            }
        }
        return failed;
    }


    private static Sched setup(RunFailure f) {
        return new Sched(f, null, 0, 0, List.of(), false);
    }

    /**
     * A schedule cut short by the exploration's deadline is not a finding: the exploration timed out, with the
     * same report whether the deadline hit between schedules or inside one.
     */
    static boolean ranOutOfTime(Sched r) {
        return r.failure() != null && r.failure().kind == RunFailure.Kind.TIMEOUT;
    }

    private boolean late() {
        return System.nanoTime() - deadline > 0;
    }

    private ExplorationResult sampled(boolean pct) {
        // Schedules that run side by side share static fields; resetting them is only sound one at a time.
        SampledSearch.End end = new SampledSearch(pct, st.schedules(), evidence.oneAtATime() ? 1 : st.schedulesAtOnce(),
                (i, k) -> runOnce(sampler(pct, i, k), cfg), this::late,
                st.stallTimeout().toMillis() + 10_000).search();
        if (end.timedOut()) {
            return timedOut(end.ran(), 0);
        }
        if (end.failed() != null) {
            return failed(end.failed(), end.ran(), 0);
        }
        return passed(end.ran(), 0, false);
    }

    /** @return the chooser of schedule i of RANDOM or PCT, whose k is the longest schedule before it */
    private Chooser sampler(boolean pct, int i, int k) {
        long seed = SplitMix.derive(st.seed(), i);
        return pct ? new PctChooser(seed, st.pctDepth(), k, st.spuriousWakeups()) : new RandomChooser(seed);
    }

    private ExplorationResult exhaustive() {
        Dpor d = new Dpor(st.maxPreemptions());
        int ran = 0;
        int pruned = 0;
        for (;;) {
            DporExecution ex = d.next();
            if (ex == null) {
                return passed(ran, pruned, true);
            }
            if (ran >= st.schedules()) {
                return passed(ran, pruned, false);
            }
            if (late()) {
                return timedOut(ran, pruned);
            }
            Sched r = runOnce(ex, cfg);
            if (ranOutOfTime(r)) {
                return timedOut(ran, pruned);
            }
            if (r.pruned()) {
                pruned++;
                continue;
            }
            ran++;
            if (r.failure() != null) {
                return failed(r, ran, pruned);
            }
        }
    }

    private ExplorationResult replay() {
        RunConfig rc = cfg.withBudgets(token.maxSteps(), token.spuriousWakeups()).withDetail();
        ReplayChooser chooser = new ReplayChooser(token.schedule());
        Sched r = runOnce(chooser, rc);
        ExplorationResult res = base(1, 0, false);
        res.replayed = true;
        if (r.failure == null && !chooser.complete()) {
            r = new Sched(new RunFailure(RunFailure.Kind.NONDETERMINISM, null, null, "the run finished before "
                    + "using every decision of the token: the scenario changed since the token was printed"),
                    r.trace(), r.preemptions(), r.steps(), r.threads(), false);
        }
        res.threads = r.threads();
        if (r.trace() != null) {
            res.steps = ExplorationReports.steps(r.trace(), r.threads());
            res.swimlanes = ExplorationReports.swimlanes(res.steps, r.threads());
        }
        res.token = st.replay().strip();
        res.preemptionsFound = res.preemptionsShrunk = r.preemptions();
        if (r.failure() != null) {
            res.failure = r.failure();
            res.outcome = outcomeOf(r.failure());
            res.failingSchedule = 1;
        } else {
            res.outcome = Exploration.Outcome.PASSED;
        }
        res.report = ExplorationReports.replayReport(res, token);
        return res;
    }

    private ExplorationResult base(int ran, int pruned, boolean exhausted) {
        ExplorationResult r = new ExplorationResult();
        r.scenario = id;
        r.settings = st;
        r.schedules = ran;
        r.pruned = pruned;
        r.exhausted = exhausted;
        r.elapsedNanos = System.nanoTime() - start;
        r.stepsRun = stepsRun.get();
        r.carriers = cfg.carriers().describe();
        evidence.fill(r);
        return r;
    }

    private ExplorationResult passed(int ran, int pruned, boolean exhausted) {
        List<String> unseen = evidence.unseen();
        if (!unseen.isEmpty()) {
            // No scheduling point and no checked access: the search never interleaved this thread with anything,
            // so "no failure" would be a proof of nothing.
            ExplorationResult r = base(ran, pruned, false);
            r.outcome = Exploration.Outcome.ERROR;
            r.failure = new RunFailure(RunFailure.Kind.SETUP, null, null, (unseen.size() == 1 ? "thread "
                    + unseen.get(0) + " reached" : "threads " + String.join(", ", unseen) + " reached")
                    + " no scheduling point in " + ran + (ran == 1 ? " schedule" : " schedules")
                    + ": the code under test may not be instrumented; see instrument (the packages whose code is "
                    + "interleaved: the test class's, and those the scenario names); a thread whose body calls "
                    + "only JDK code the engine does not model runs nothing it can interleave");
            r.report = ExplorationReports.failureReport(r);
            return r;
        }
        ExplorationResult r = base(ran, pruned, exhausted);
        r.outcome = Exploration.Outcome.PASSED;
        r.report = ExplorationReports.passReport(r);
        return r;
    }

    private ExplorationResult timedOut(int ran, int pruned) {
        ExplorationResult r = base(ran, pruned, false);
        r.outcome = Exploration.Outcome.ERROR;
        r.failure = new RunFailure(RunFailure.Kind.TIMEOUT, null, null, "the exploration exceeded its timeout of "
                + ExplorationReports.duration(st.timeout().toNanos()) + " after " + ran + " schedules with no failure; raise "
                + "timeout or lower schedules");
        r.report = ExplorationReports.failureReport(r);
        return r;
    }

    static Exploration.Outcome outcomeOf(RunFailure f) {
        switch (f.kind) {
            case SETUP:
            case NONDETERMINISM:
            case TIMEOUT:
                return Exploration.Outcome.ERROR;
            default:
                return Exploration.Outcome.FAILED;
        }
    }

    /** @param ran schedules run, the failing one (found) last */
    private ExplorationResult failed(Sched found, int ran, int pruned) {
        int index = ran - 1;
        RunFailure f = found.failure();
        ExplorationResult r = base(ran, pruned, false);
        r.failure = f;
        r.outcome = outcomeOf(f);
        r.failingSchedule = index + 1;
        if (found.trace() == null) {
            r.report = ExplorationReports.failureReport(r);
            return r;
        }
        Schedule schedule = found.trace().schedule();
        Sched reported = found;
        if (f.kind == RunFailure.Kind.TIMEOUT || f.kind == RunFailure.Kind.NONDETERMINISM
                || f.kind == RunFailure.Kind.SETUP) {
            // Not a schedule's finding: no token, nothing to replay.
            r.report = ExplorationReports.failureReport(r);
            return r;
        }
        // A stall or a leak is not shrunk (each attempt could cost the watchdog's whole period), but like every
        // other failure it is replayed once before its token is printed: a token is only as good as that replay.
        boolean shrinkable = f.kind != RunFailure.Kind.STALL && f.kind != RunFailure.Kind.LEAK;
        Sched best = shrinkable ? new Shrinker(this, cfg, deadline).shrink(found) : found;
        Sched detailed = runOnce(new ReplayChooser(best.trace().schedule()), cfg.withDetail());
        if (detailed.failure() != null && detailed.failure().signature().equals(f.signature())) {
            reported = detailed;
            schedule = best.trace().schedule();
            r.failure = detailed.failure();
        } else {
            detailed = best == found ? detailed : runOnce(new ReplayChooser(schedule), cfg.withDetail());
            if (detailed.failure() != null && detailed.failure().signature().equals(f.signature())) {
                reported = detailed;
            } else {
                r.unreproducible = true;
            }
        }
        r.preemptionsFound = found.preemptions();
        r.preemptionsShrunk = reported.preemptions();
        r.threads = reported.threads();
        r.steps = ExplorationReports.steps(reported.trace(), reported.threads());
        r.swimlanes = ExplorationReports.swimlanes(r.steps, reported.threads());
        boolean shrunk = !schedule.equals(found.trace().schedule());
        r.token = new ReplayToken(id, st.variants(), st.strategy().name(), st.seed(), shrunk ? -1 : index,
                st.spuriousWakeups(), st.maxSteps(), schedule, r.failure.signature(), r.failure.headline()).encode();
        r.report = ExplorationReports.failureReport(r);
        return r;
    }
}
