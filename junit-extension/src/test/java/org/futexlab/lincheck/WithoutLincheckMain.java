package org.futexlab.lincheck;

import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;

/**
 * Run by {@link WithoutLincheckTest} in a JVM without Lincheck on its class path: a thread scenario explores as
 * ever, and a scenario that asks for a linearizability check fails with the message that says what to add. Links
 * against nothing of Lincheck itself.
 */
public final class WithoutLincheckMain {
    private WithoutLincheckMain() {}

    public static void main(String[] args) {
        boolean lincheckThere;
        try {
            Class.forName("org.jetbrains.lincheck.datastructures.ModelCheckingOptions");
            lincheckThere = true;
        } catch (ClassNotFoundException e) {
            lincheckThere = false;
        }
        Exploration threads = FutexLab.explore("lost update", Settings.defaults().strategy(Strategy.EXHAUSTIVE), s -> {
            AtomicInteger hits = new AtomicInteger();
            s.thread("a", () -> hits.set(hits.get() + 1));
            s.thread("b", () -> hits.set(hits.get() + 1));
            s.check("both land", () -> {
                if (hits.get() != 2) {
                    throw new AssertionError("lost");
                }
            });
        });
        Exploration check = FutexLab.explore("check", Settings.defaults().schedules(10),
                s -> s.linearizable(Counters.Atomic.class, Counters.Sequential.class));
        System.out.println("STEP lincheck on the class path: " + lincheckThere + "; thread scenario: "
                + threads.outcome() + "; linearizability check: " + check.outcome() + ": "
                + check.report().replace('\n', ' '));
        System.exit(0);
    }
}
