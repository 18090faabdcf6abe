package org.futexlab.lincheck;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * Run in a fresh JVM by {@link CoexistenceTest} (through {@link Forks}): a plain Lincheck test and the Futex Lab engine, one after the
 * other in the order the argument gives, each of which must still find its bug. Only a fresh JVM shows the order
 * that matters: whose agent and transformer arrive first.
 */
public final class CoexistenceMain {
    private CoexistenceMain() {}

    public static void main(String[] args) {
        boolean ok = true;
        for (String step : args) {
            String found = switch (step) {
                case "lincheck" -> lincheck();
                case "engine" -> engine();
                case "bridge" -> bridge();
                default -> throw new IllegalArgumentException("unknown step " + step);
            };
            System.out.println("STEP " + step + ": " + (found == null ? "MISSED" : found));
            ok &= found != null;
        }
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    /** Lincheck's own API, as a user's plain Lincheck test calls it: the lost update must be found. */
    private static String lincheck() {
        try {
            new ModelCheckingOptions().iterations(10).invocationsPerIteration(200)
                    .sequentialSpecification(Counters.Sequential.class).check(Counters.LostUpdate.class);
            return null;
        } catch (LincheckAssertionError e) {
            return "found (" + e.getMessage().lines().filter(l -> l.contains("inc()")).findFirst().orElse("").strip()
                    + ")";
        }
    }

    /** A thread scenario under the controlled scheduler: the lost update must be found. */
    private static String engine() {
        Exploration e = FutexLab.explore("lost update", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .maxPreemptions(1).schedules(100), s -> {
                    AtomicInteger hits = new AtomicInteger();
                    s.thread("inc-1", () -> hits.set(hits.get() + 1));
                    s.thread("inc-2", () -> hits.set(hits.get() + 1));
                    s.check("both increments land", () -> {
                        if (hits.get() != 2) {
                            throw new AssertionError("lost an increment: " + hits.get());
                        }
                    });
                });
        return e.passed() ? null : "found in schedule " + e.failure().orElseThrow().schedule();
    }

    /** A linearizability check through Scenario.linearizable. */
    private static String bridge() {
        Exploration e = FutexLab.explore("lost update check", Settings.defaults().schedules(500),
                s -> s.linearizable(Counters.LostUpdate.class, Counters.Sequential.class));
        return e.passed() ? null : "found: " + e.failure().orElseThrow().headline();
    }
}
