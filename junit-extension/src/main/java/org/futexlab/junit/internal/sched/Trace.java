package org.futexlab.junit.internal.sched;

import org.futexlab.junit.tooling.Schedule;
import java.util.Arrays;

/**
 * The steps of one run, and the decisions that chose them. The decisions (step index and thread at every
 * point where more than one thread could run) are the schedule: replaying them reproduces the run.
 */
public final class Trace {
    private final boolean detail;
    int size;
    int[] thread = new int[64];
    int[] site = new int[64];
    int[] kind = new int[64];
    int[] mode = new int[64];
    boolean[] preempted = new boolean[64];
    Object[] loc;
    int choices;
    int[] choiceStep = new int[16];
    int[] choiceThread = new int[16];

    Trace(boolean detail) {
        this.detail = detail;
        this.loc = detail ? new Object[64] : null;
    }

    void step(int t, int s, int k, int m, Object l, boolean p) {
        if (size == thread.length) {
            int c = size * 2;
            thread = Arrays.copyOf(thread, c);
            site = Arrays.copyOf(site, c);
            kind = Arrays.copyOf(kind, c);
            mode = Arrays.copyOf(mode, c);
            preempted = Arrays.copyOf(preempted, c);
            if (detail) {
                loc = Arrays.copyOf(loc, c);
            }
        }
        thread[size] = t;
        site[size] = s;
        kind[size] = k;
        mode[size] = m;
        preempted[size] = p;
        if (detail) {
            loc[size] = l;
        }
        size++;
    }

    void choice(int step, int t) {
        if (choices == choiceStep.length) {
            choiceStep = Arrays.copyOf(choiceStep, choices * 2);
            choiceThread = Arrays.copyOf(choiceThread, choices * 2);
        }
        choiceStep[choices] = step;
        choiceThread[choices] = t;
        choices++;
    }

    /** @return the number of steps */
    public int size() {
        return size;
    }

    /**
     * @param i step
     * @return the thread id that took it
     */
    public int thread(int i) {
        return thread[i];
    }

    /**
     * @param i step
     * @return its site id
     */
    public int site(int i) {
        return site[i];
    }

    /**
     * @param i step
     * @return its operation kind
     */
    public int kind(int i) {
        return kind[i];
    }

    /**
     * @param i step
     * @return its completion mode
     */
    public int mode(int i) {
        return mode[i];
    }

    /**
     * @param i step
     * @return whether it preempted a thread that could have gone on
     */
    public boolean preempted(int i) {
        return preempted[i];
    }

    /** @return the thread of every step, in order */
    public int[] threads() {
        return Arrays.copyOf(thread, size);
    }

    /**
     * @param i step
     * @return the object it touched (detail runs only), or null
     */
    public Object loc(int i) {
        return detail ? loc[i] : null;
    }

    /** @return the schedule: the decisions as (step, thread) pairs */
    public Schedule schedule() {
        return new Schedule(Arrays.copyOf(choiceStep, choices), Arrays.copyOf(choiceThread, choices));
    }
}
