package org.futexlab.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;

/**
 * The figures of the built-in kernel scenarios for docs/performance.md: for each scenario and the variant it
 * detects, the schedules to the first detection and the wall time under PCT and under EXHAUSTIVE (bound 1); and
 * on the fixed model, schedules per second under both and whether EXHAUSTIVE exhausts bound 1. Each scenario runs
 * with the settings its annotation declares, the strategy and budget aside.
 *
 * <p>Usage: {@code java -cp ... org.futexlab.bench.KernelScenarioFigures [class ...]} (default: the built-in
 * scenario classes). Prints Markdown tables.
 */
public final class KernelScenarioFigures {
    private KernelScenarioFigures() {}

    static final String[] DEFAULT = {
        "org.futexlab.linux.scenarios.PiFutexScenarios", "org.futexlab.linux.scenarios.FaultScenarios",
        "org.futexlab.linux.scenarios.RobustFutexScenarios", "org.futexlab.linux.scenarios.UserfaultfdScenarios",
        "org.futexlab.linux.scenarios.FpuScenarios"
    };

    /** @return the JDK and machine a figure was measured on, as every figures program heads its table */
    public static String machine() {
        return String.format("JDK %s, %s, %d CPUs", Runtime.version(), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
    }

    public static void main(String[] args) throws Exception {
        List<Method> methods = scenarios(args.length > 0 ? args : DEFAULT);
        System.out.printf("%s%n%n", machine());
        System.out.println("| scenario | variant | PCT: schedules to detection | PCT: wall | EXHAUSTIVE (bound 1): "
                + "schedules to detection | EXHAUSTIVE: wall |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Method m : methods) {
            for (String v : m.getAnnotation(KernelScenario.class).detects()) {
                Exploration pct = run(m, declared(m).variants(v));
                Exploration ex = run(m, exhaustive(m, 1).variants(v));
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", m.getName(), v, found(pct),
                        ms(pct), found(ex), ms(ex));
            }
        }
        System.out.println();
        System.out.println("| scenario (fixed model) | PCT: schedules | PCT: schedules/s | EXHAUSTIVE (bound 1) | "
                + "EXHAUSTIVE: schedules/s |");
        System.out.println("|---|---:|---:|---|---:|");
        for (Method m : methods) {
            Exploration pct = run(m, declared(m).schedules(2000));
            Exploration ex = run(m, exhaustive(m, 1));
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %s | %.0f |%n", m.getName(), pct.schedules(),
                    pct.schedulesPerSecond(), ex.passed() ? (ex.exhausted() ? "exhausted: " : "not exhausted: ")
                            + ex.schedules() + " in " + ms(ex) : "FAILED", ex.schedulesPerSecond());
        }
    }

    /** @return the @KernelScenario methods of the classes, by name within each class */
    static List<Method> scenarios(String... classes) throws ClassNotFoundException {
        List<Method> methods = new ArrayList<>();
        for (String c : classes) {
            Method[] ms = Class.forName(c).getDeclaredMethods();
            Arrays.sort(ms, Comparator.comparing(Method::getName));
            for (Method m : ms) {
                if (m.isAnnotationPresent(KernelScenario.class)) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    /** The settings the scenario declares (its step budget, say), as it runs under Surefire. */
    static Settings declared(Method m) {
        return Settings.of(m.getAnnotation(KernelScenario.class));
    }

    private static Settings exhaustive(Method m, int bound) {
        return declared(m).strategy(Strategy.EXHAUSTIVE).maxPreemptions(bound).schedules(200_000);
    }

    static Exploration run(Method m, Settings st) {
        if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != Scenario.class) {
            throw new IllegalArgumentException(m + " does not take a Scenario");
        }
        return FutexLab.explore(m.getDeclaringClass(), m.getName(), st);
    }

    static String found(Exploration e) {
        return e.failure().map(f -> String.valueOf(f.schedule())).orElse("not found in " + e.schedules());
    }

    private static String ms(Exploration e) {
        return String.format(Locale.ROOT, "%d ms", e.elapsed().toMillis());
    }
}
