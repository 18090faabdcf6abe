package org.futexlab.bench;

import java.util.Locale;
import java.util.function.Supplier;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.linux.kernel.futex.FutexWordCheck;
import org.futexlab.linux.linearizability.MutexChecks;
import org.futexlab.linux.linearizability.RobustListTableCheck;

/**
 * The linearizability checks' figures for docs/performance.md: Lincheck model-checking invocations per second of
 * each built-in check (its scenario in LinearizabilityScenarios, as declared but for the budget), and on the same
 * operations object, schedules per second of the Futex Lab engine (PCT) running two threads that call a fixed
 * sequence of its operations. Each row is measured after one warm-up run of the same kind.
 *
 * <p>Usage: {@code java -cp ... org.futexlab.bench.LinearizabilityFigures [invocations] [schedules]}.
 */
public final class LinearizabilityFigures {
    private LinearizabilityFigures() {}

    private static final String SCENARIOS = "org.futexlab.linux.linearizability.LinearizabilityScenarios";

    public static void main(String[] args) throws Exception {
        int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int schedules = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.printf("%s; Lincheck %d invocations, engine %d schedules (PCT)%n%n",
                KernelScenarioFigures.machine(), invocations, schedules);
        System.out.println("| check | Lincheck invocations/s | engine threads | engine schedules/s | ratio |");
        System.out.println("|---|---:|---|---:|---:|");
        Class<?> checks = Class.forName(SCENARIOS);
        row(checks, "plainMutex", "lock, unlock, tryLock, unlock (x2)", mutex(MutexChecks.Plain::new),
                invocations, schedules);
        row(checks, "priorityInheritanceMutex", "lock, unlock, tryLock, unlock (x2)",
                mutex(MutexChecks.PriorityInheritance::new), invocations, schedules);
        row(checks, "waitAndWakeOnOneWord", "waitStart, waitFinish / store, wake", s -> {
            FutexWordCheck w = new FutexWordCheck();
            s.thread("W", () -> {
                w.waitStart(1, 0);
                w.waitFinish(1);
            });
            s.thread("K", () -> {
                w.store(2, 1);
                w.wake(2, 1);
            });
        }, invocations, schedules);
        row(checks, "robustListTable", "add, add / get, get", s -> {
            RobustListTableCheck r = new RobustListTableCheck();
            s.thread("D", () -> {
                r.add(1);
                r.add(1);
            });
            s.thread("G", () -> {
                r.get(2, 1, 0);
                r.get(2, 1, 1);
            });
        }, invocations, schedules);
    }

    /** Two threads (Lincheck's thread ids 1 and 2), each locking, unlocking, trylocking and unlocking. */
    private static ScenarioBody mutex(Supplier<? extends MutexChecks.Operations> make) {
        return s -> {
            MutexChecks.Operations m = make.get();
            for (int t = 1; t <= 2; t++) {
                int tid = t;
                s.thread("T" + t, () -> {
                    m.lock(tid);
                    m.unlock(tid);
                    m.tryLock(tid);
                    m.unlock(tid);
                });
            }
        };
    }

    private static void row(Class<?> checks, String check, String threads, ScenarioBody engine, int invocations,
            int schedules) throws Exception {
        Settings lc = Settings.defaults().schedules(invocations);
        Settings pct = Settings.defaults().strategy(Strategy.PCT).schedules(schedules);
        FutexLab.explore(checks, check, lc);
        Exploration l = FutexLab.explore(checks, check, lc);
        FutexLab.explore(check + " (warm-up)", pct, engine);
        Exploration e = FutexLab.explore(check, pct, engine);
        if (!l.passed() || !e.passed()) {
            throw new AssertionError(check + " failed on the fixed model:\n" + l.report() + "\n" + e.report());
        }
        double lps = l.schedules() / (l.elapsed().toNanos() / 1e9);
        double eps = e.schedulesPerSecond();
        System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %.0f | %.0fx |%n", check, lps, threads, eps, eps / lps);
    }
}
