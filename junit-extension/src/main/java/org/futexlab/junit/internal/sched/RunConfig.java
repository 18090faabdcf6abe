package org.futexlab.junit.internal.sched;

/**
 * Limits and options of one run.
 *
 * @param maxSteps step budget before a livelock is reported
 * @param spuriousWakeups spurious returns the run may inject
 * @param stallNanos watchdog: longest time a thread may run between two scheduling points
 * @param deadlineNanos System.nanoTime() after which the scenario's wall-clock limit is exceeded
 * @param carriers how logical threads are carried
 * @param detail record object identities and source positions of every step, for reports
 */
public record RunConfig(int maxSteps, int spuriousWakeups, long stallNanos, long deadlineNanos,
        Carriers carriers, boolean detail) {
    /** @return a copy that records details */
    public RunConfig withDetail() {
        return new RunConfig(maxSteps, spuriousWakeups, stallNanos, deadlineNanos, carriers, true);
    }
}
