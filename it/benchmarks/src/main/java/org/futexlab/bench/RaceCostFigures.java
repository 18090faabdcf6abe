package org.futexlab.bench;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.Settings;

/**
 * What checking plain accesses for data races costs, for docs/performance.md: each built-in kernel scenario on
 * the fixed model, PCT with the settings it declares, {@code races = off} beside {@code races = on}, one after the
 * other in one JVM after a warm-up of both. Both runs take the same schedules (the check never changes a decision),
 * which the program verifies; exits with status 1 when they differ or the fixed model fails.
 *
 * <p>Usage: {@code java -cp ... org.futexlab.bench.RaceCostFigures [schedules]} (default 1000), or
 * {@code FIGURES=RaceCostFigures it/benchmarks/kernel-figures.sh}.
 */
public final class RaceCostFigures {
    private RaceCostFigures() {}

    public static void main(String[] args) throws Exception {
        int schedules = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Method> methods = KernelScenarioFigures.scenarios(KernelScenarioFigures.DEFAULT);
        for (Method m : methods) {
            KernelScenarioFigures.run(m, settings(m, 100, false));
            KernelScenarioFigures.run(m, settings(m, 100, true));
        }
        System.out.printf("%s; PCT, %d schedules, races off against on%n%n", KernelScenarioFigures.machine(),
                schedules);
        System.out.println("| scenario (fixed model) | races off: schedules/s | races on: schedules/s | time, on / off |");
        System.out.println("|---|---:|---:|---:|");
        boolean ok = true;
        long off = 0;
        long on = 0;
        for (Method m : methods) {
            Exploration a = KernelScenarioFigures.run(m, settings(m, schedules, false));
            Exploration b = KernelScenarioFigures.run(m, settings(m, schedules, true));
            if (!a.passed() || !b.passed() || a.schedules() != b.schedules()) {
                ok = false;
                System.err.println(m.getName() + ": " + a.report() + "\n" + b.report());
            }
            off += a.elapsed().toNanos();
            on += b.elapsed().toNanos();
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f× |%n", m.getName(), a.schedulesPerSecond(),
                    b.schedulesPerSecond(), (double) b.elapsed().toNanos() / a.elapsed().toNanos());
        }
        System.out.printf(Locale.ROOT, "| all, wall time | %.1f s | %.1f s | %.2f× |%n", off / 1e9, on / 1e9,
                (double) on / off);
        if (!ok) {
            System.exit(1);
        }
    }

    private static Settings settings(Method m, int schedules, boolean races) {
        return KernelScenarioFigures.declared(m).schedules(schedules).with(Settings.RACES, races);
    }
}
