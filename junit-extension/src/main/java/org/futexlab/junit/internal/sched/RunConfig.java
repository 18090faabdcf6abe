package org.futexlab.junit.internal.sched;

import java.util.List;
import org.futexlab.junit.internal.ops.SiteScope;
import org.futexlab.junit.internal.ops.Sites;

/**
 * Limits and options of one run.
 *
 * @param maxSteps step budget before a livelock is reported
 * @param spuriousWakeups spurious returns the run may inject
 * @param stallNanos watchdog: longest time a thread may run between two scheduling points
 * @param deadlineNanos System.nanoTime() after which the scenario's wall-clock limit is exceeded
 * @param carriers how logical threads are carried
 * @param detail record object identities and source positions of every step, for reports
 * @param races check plain accesses for data races
 * @param benignRaces races the scenario accepts: fields ({@code Class.field}, {@code pkg.Class.field}) or methods
 *     ({@code Class.method}) whose accesses race
 * @param timeoutsWhenStuck timed waits time out only when no thread can otherwise move
 * @param scope the sites that are scheduling points in this exploration
 */
public record RunConfig(int maxSteps, int spuriousWakeups, long stallNanos, long deadlineNanos, Carriers carriers,
        boolean detail, boolean races, List<String> benignRaces, boolean timeoutsWhenStuck, SiteScope scope) {
    /** Copies the list. */
    public RunConfig {
        benignRaces = List.copyOf(benignRaces);
    }

    /** @return a copy that records details */
    public RunConfig withDetail() {
        return new RunConfig(maxSteps, spuriousWakeups, stallNanos, deadlineNanos, carriers, true, races, benignRaces,
                timeoutsWhenStuck, scope);
    }

    /** @return a copy with another step budget and spurious wake-up budget (a replay takes its token's) */
    public RunConfig withBudgets(int steps, int spurious) {
        return new RunConfig(steps, spurious, stallNanos, deadlineNanos, carriers, detail, races, benignRaces,
                timeoutsWhenStuck, scope);
    }

    /** @return whether the scenario accepts a race on location between the accesses at a and b */
    boolean benign(String location, Sites.Site a, Sites.Site b) {
        for (String name : benignRaces) {
            if (location.equals(name) || location.endsWith("." + name) || location.endsWith("$" + name) || names(a, name)
                    || names(b, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(Sites.Site s, String name) {
        String method = s.className() + "." + s.methodName();
        return method.equals(name) || method.endsWith("." + name) || method.endsWith("$" + name);
    }
}
