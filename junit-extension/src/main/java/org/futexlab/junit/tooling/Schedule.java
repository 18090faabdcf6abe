package org.futexlab.junit.tooling;

import java.util.Arrays;

/**
 * A schedule: the thread chosen at every decision where more than one thread could run, with the step index
 * of each decision (so that a replay that diverges is caught at once rather than silently misaligned).
 */
public final class Schedule {
    private final int[] steps;
    private final int[] threads;

    public Schedule(int[] steps, int[] threads) {
        if (steps.length != threads.length) {
            throw new IllegalArgumentException("steps and threads differ in length");
        }
        this.steps = steps.clone();
        this.threads = threads.clone();
    }

    /** @return number of decisions */
    public int size() {
        return steps.length;
    }

    /**
     * @param i decision
     * @return the step at which it was taken
     */
    public int step(int i) {
        return steps[i];
    }

    /**
     * @param i decision
     * @return the thread chosen
     */
    public int thread(int i) {
        return threads[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule && Arrays.equals(steps, ((Schedule) o).steps)
                && Arrays.equals(threads, ((Schedule) o).threads);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(steps) + Arrays.hashCode(threads);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < steps.length; i++) {
            sb.append(i == 0 ? "" : " ").append(steps[i]).append(':').append(threads[i]);
        }
        return sb.append(']').toString();
    }
}
