package org.futexlab.bench;

import java.util.Locale;
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
 * each built-in check (the shapes the scenarios declare), and on the same operations object, schedules per second
 * of the Futex Lab engine (PCT) running two threads that call a fixed sequence of its operations. Each row is
 * measured after one warm-up run of the same kind.
 *
 * <p>Usage: {@code java -cp ... org.futexlab.bench.LinearizabilityFigures [invocations] [schedules]}.
 */
public final class LinearizabilityFigures {
    private LinearizabilityFigures() {}

    public static void main(String[] args) {
        int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int schedules = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.printf("JDK %s, %s, %d CPUs; Lincheck %d invocations, engine %d schedules (PCT)%n%n",
                Runtime.version(), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                invocations, schedules);
        System.out.println("| object | Lincheck shape | Lincheck invocations/s | engine threads | engine schedules/s "
                + "| ratio |");
        System.out.println("|---|---|---:|---|---:|---:|");
        row("plain mutex", "3 threads x 2 ops", s -> s.linearizable(MutexChecks.Plain.class,
                MutexChecks.SequentialMutex.class).threads(3).actorsPerThread(2), "lock, unlock, tryLock, unlock x2",
                s -> {
                    MutexChecks.Plain m = new MutexChecks.Plain();
                    for (int t = 1; t <= 2; t++) {
                        int tid = t;
                        s.thread("T" + t, () -> {
                            m.lock(tid);
                            m.unlock(tid);
                            m.tryLock(tid);
                            m.unlock(tid);
                        });
                    }
                }, invocations, schedules);
        row("PI mutex", "2 threads x 3 ops", s -> s.linearizable(MutexChecks.PriorityInheritance.class,
                MutexChecks.SequentialMutex.class).threads(2).actorsPerThread(3), "lock, unlock, tryLock, unlock x2",
                s -> {
                    MutexChecks.PriorityInheritance m = new MutexChecks.PriorityInheritance();
                    for (int t = 1; t <= 2; t++) {
                        int tid = t;
                        s.thread("T" + t, () -> {
                            m.lock(tid);
                            m.unlock(tid);
                            m.tryLock(tid);
                            m.unlock(tid);
                        });
                    }
                }, invocations, schedules);
        row("futex word", "2 threads x 3 ops", s -> s.linearizable(FutexWordCheck.class,
                FutexWordCheck.Sequential.class).threads(2).actorsPerThread(3),
                "waitStart, waitFinish / store, wake", s -> {
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
        row("robust-list table", "2 threads x 2 ops", s -> s.linearizable(RobustListTableCheck.class,
                RobustListTableCheck.Sequential.class).threads(2).actorsPerThread(2), "add, add / get, get", s -> {
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

    private static void row(String object, String shape, ScenarioBody check, String threads, ScenarioBody engine,
            int invocations, int schedules) {
        Settings lc = Settings.defaults().schedules(invocations);
        Settings pct = Settings.defaults().strategy(Strategy.PCT).schedules(schedules);
        FutexLab.explore(object + " (warm-up)", lc, check);
        Exploration l = FutexLab.explore(object, lc, check);
        FutexLab.explore(object + " (warm-up)", pct, engine);
        Exploration e = FutexLab.explore(object, pct, engine);
        if (!l.passed() || !e.passed()) {
            throw new AssertionError(object + " failed on the fixed model:\n" + l.report() + "\n" + e.report());
        }
        double lps = l.schedules() / (l.elapsed().toNanos() / 1e9);
        double eps = e.schedulesPerSecond();
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %s | %.0f | %.0fx |%n", object, shape, lps, threads, eps,
                eps / lps);
    }
}
