package org.futexlab.bench.bugs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Settings;
import org.futexlab.bench.KernelScenarioFigures;
import org.futexlab.junit.Strategy;

/**
 * The bug benchmark for docs/performance.md: every program of {@link BugPrograms} and its fixed twin under each
 * strategy, with one budget. RANDOM and PCT run with seeds 1 to N: the table gives in how many seeds the bug was
 * found and the median schedule of the first detection; EXHAUSTIVE (up to two preemptions) runs once. Every twin
 * runs under every strategy too, and must pass. Exits with status 1 when a twin fails, or when PCT misses a bug
 * RANDOM finds in some seed.
 *
 * <p>Usage: {@code java -cp ... org.futexlab.bench.bugs.BugFigures [schedules [seeds]]} (default 1000 and 10), or
 * {@code FIGURES=bugs.BugFigures it/benchmarks/kernel-figures.sh}.
 */
public final class BugFigures {
    private BugFigures() {}

    public static void main(String[] args) {
        int schedules = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // Installs the agent, with this package in scope, before BugPrograms loads: its classes are then rewritten
        // as they load, as a test class is under the JUnit extension.
        FutexLab.explore("install", Settings.defaults().schedules(1), s -> s.thread("a", () -> { }));
        List<BugPrograms.Program> programs = BugPrograms.all();
        System.out.printf(Locale.ROOT, "%s; budget %d schedules; RANDOM and PCT (depth 3) over seeds 1..%d, "
                + "EXHAUSTIVE up to 2 preemptions%n%n", KernelScenarioFigures.machine(), schedules, seeds);
        System.out.println("| program | pattern | RANDOM: seeds, median schedule | PCT: seeds, median schedule | "
                + "EXHAUSTIVE: schedule | failure | twins |");
        System.out.println("|---|---|---:|---:|---:|---|---|");
        boolean ok = true;
        int[] found = new int[3];
        long start = System.nanoTime();
        for (BugPrograms.Program p : programs) {
            Detection random = sampled(p, Strategy.RANDOM, schedules, seeds);
            Detection pct = sampled(p, Strategy.PCT, schedules, seeds);
            Exploration ex = FutexLab.explore(p.name(), base(Strategy.EXHAUSTIVE, schedules), p.bug());
            String kind = random.kind != null ? random.kind : pct.kind != null ? pct.kind
                    : ex.failure().map(Exploration.Failure::kind).orElse("-");
            List<String> twinFailures = new ArrayList<>();
            for (Strategy st : Strategy.values()) {
                Exploration twin = FutexLab.explore(p.name() + " (fixed)", base(st, schedules).seed(1), p.fixed());
                if (!twin.passed()) {
                    twinFailures.add(st + ": " + twin.report().lines().findFirst().orElse(""));
                }
            }
            ok &= twinFailures.isEmpty();
            if (random.seeds > 0 && pct.seeds == 0) {
                ok = false;
                System.err.println("PCT missed " + p.name() + ", which RANDOM found in " + random.seeds + " seeds");
            }
            found[0] += random.seeds > 0 ? 1 : 0;
            found[1] += pct.seeds > 0 ? 1 : 0;
            found[2] += ex.passed() ? 0 : 1;
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", p.name(), p.pattern(),
                    random.cell(seeds), pct.cell(seeds), ex.failure().map(f -> String.valueOf(f.schedule()))
                            .orElse(ex.exhausted() ? "none (exhausted)" : "none"), kind,
                    twinFailures.isEmpty() ? "pass" : "FAIL " + String.join("; ", twinFailures));
        }
        System.out.printf(Locale.ROOT, "| **found** | | %d of %d | %d of %d | %d of %d | | |%n%n", found[0],
                programs.size(), found[1], programs.size(), found[2], programs.size());
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (!ok) {
            System.exit(1);
        }
    }

    private static Settings base(Strategy st, int schedules) {
        return Settings.defaults().strategy(st).schedules(schedules);
    }

    /** Detections over seeds 1..seeds. */
    private static Detection sampled(BugPrograms.Program p, Strategy st, int schedules, int seeds) {
        Detection d = new Detection();
        for (long seed = 1; seed <= seeds; seed++) {
            Exploration e = FutexLab.explore(p.name(), base(st, schedules).seed(seed), p.bug());
            if (e.failure().isPresent() && e.outcome() == Exploration.Outcome.FAILED) {
                d.seeds++;
                d.firsts.add(e.failure().get().schedule());
                d.kind = e.failure().get().kind();
            }
        }
        return d;
    }

    private static final class Detection {
        int seeds;
        final List<Integer> firsts = new ArrayList<>();
        String kind;

        String cell(int of) {
            if (seeds == 0) {
                return "0/" + of;
            }
            Collections.sort(firsts);
            return seeds + "/" + of + ", " + firsts.get(firsts.size() / 2);
        }
    }
}
