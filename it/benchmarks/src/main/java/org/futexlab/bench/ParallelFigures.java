package org.futexlab.bench;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Settings;

/**
 * Schedules run in parallel ({@code futex.parallelism}) on the built-in kernel scenarios, for docs/performance.md:
 * on the fixed model, PCT's schedules per second one at a time and two at a time, from one run; with each
 * detected variant, the first failing schedule and its replay token, which must be the same either way. Exits
 * with status 1 when a result differs.
 *
 * <p>Usage: {@code java -cp ... org.futexlab.bench.ParallelFigures [schedules [parallelism]]} (default 2000 and 2).
 */
public final class ParallelFigures {
    private ParallelFigures() {}

    public static void main(String[] args) throws Exception {
        int schedules = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Method> methods = KernelScenarioFigures.scenarios(KernelScenarioFigures.DEFAULT);
        for (Method m : methods) { // warm-up, so that neither column pays for the JIT
            KernelScenarioFigures.run(m, KernelScenarioFigures.declared(m).schedules(100));
            KernelScenarioFigures.run(m, KernelScenarioFigures.declared(m).schedules(100).parallelism(parallelism));
        }
        System.out.printf("%s; PCT, %d schedules, parallelism 1 against %d%n%n", KernelScenarioFigures.machine(),
                schedules, parallelism);
        System.out.println("| scenario (fixed model) | schedules/s, 1 at a time | schedules/s, " + parallelism
                + " at a time | ratio |");
        System.out.println("|---|---:|---:|---:|");
        boolean same = true;
        double total1 = 0;
        double totalP = 0;
        // The longest exploration alone can carry the total: the figures without it say what the rest gained.
        double longest1 = 0;
        double longestP = 0;
        String longest = "";
        for (Method m : methods) {
            Settings st = KernelScenarioFigures.declared(m).schedules(schedules);
            Exploration one = KernelScenarioFigures.run(m, st);
            Exploration par = KernelScenarioFigures.run(m, st.parallelism(parallelism));
            same &= sameResult(m.getName(), one, par);
            total1 += one.elapsed().toNanos();
            totalP += par.elapsed().toNanos();
            if (one.elapsed().toNanos() > longest1) {
                longest1 = one.elapsed().toNanos();
                longestP = par.elapsed().toNanos();
                longest = m.getName();
            }
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f× |%n", m.getName(), one.schedulesPerSecond(),
                    par.schedulesPerSecond(), par.schedulesPerSecond() / one.schedulesPerSecond());
        }
        System.out.printf(Locale.ROOT, "| all, wall time | %.1f s | %.1f s | %.2f× |%n", total1 / 1e9,
                totalP / 1e9, total1 / totalP);
        System.out.printf(Locale.ROOT, "| all but %s, wall time | %.2f s | %.2f s | %.2f× |%n%n", longest,
                (total1 - longest1) / 1e9, (totalP - longestP) / 1e9, (total1 - longest1) / (totalP - longestP));
        System.out.println("| scenario | variant | first failing schedule, 1 at a time | " + parallelism
                + " at a time | same token |");
        System.out.println("|---|---|---:|---:|---|");
        for (Method m : methods) {
            for (String v : m.getAnnotation(KernelScenario.class).detects()) {
                Settings st = KernelScenarioFigures.declared(m).variants(v);
                Exploration one = KernelScenarioFigures.run(m, st);
                Exploration par = KernelScenarioFigures.run(m, st.parallelism(parallelism));
                boolean ok = sameResult(m.getName() + " [" + v + "]", one, par);
                same &= ok;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", m.getName(), v,
                        KernelScenarioFigures.found(one), KernelScenarioFigures.found(par), ok ? "yes" : "NO");
            }
        }
        if (!same) {
            System.exit(1);
        }
    }

    private static boolean sameResult(String what, Exploration one, Exploration par) {
        String a = result(one);
        String b = result(par);
        if (!a.equals(b)) {
            System.err.println(what + ": one at a time " + a + ", in parallel " + b);
            return false;
        }
        return true;
    }

    /** @return what must not depend on the parallelism: outcome, schedules, failing schedule and token */
    private static String result(Exploration e) {
        return e.outcome() + " " + e.schedules() + " " + e.failure().map(f -> f.schedule() + " " + f.replayToken())
                .orElse("");
    }
}
