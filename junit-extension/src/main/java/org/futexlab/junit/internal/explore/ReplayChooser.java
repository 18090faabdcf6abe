package org.futexlab.junit.internal.explore;

import org.futexlab.junit.internal.sched.Chooser;
import org.futexlab.junit.internal.ops.Op;
import org.futexlab.junit.internal.sched.Decision;
import org.futexlab.junit.tooling.Schedule;

/**
 * Replays a schedule exactly. Every decision must fall on the recorded step and name a thread that can run
 * there; anything else means the scenario no longer behaves as when the schedule was recorded, and the run
 * fails as nondeterministic instead of silently drifting.
 */
final class ReplayChooser implements Chooser {
    private final Schedule schedule;
    private int next;

    ReplayChooser(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public int choose(Decision run, int n) {
        if (n == 1) {
            return 0;
        }
        if (next >= schedule.size() || schedule.step(next) != run.steps()) {
            return n;
        }
        int want = schedule.thread(next++);
        int[] c = run.candidates();
        for (int i = 0; i < n; i++) {
            if (c[i] == want) {
                return i;
            }
        }
        return n;
    }

    /** @return whether every recorded decision was used */
    boolean complete() {
        return next == schedule.size();
    }
}

/**
 * Follows a desired thread per step as far as it can, then keeps the current thread running. Used by the
 * shrinker to try schedules with a preemption removed.
 */
final class GuidedChooser implements Chooser {
    private final int[] desired;

    GuidedChooser(int[] desired) {
        this.desired = desired;
    }

    @Override
    public int choose(Decision run, int n) {
        int[] c = run.candidates();
        int[] m = run.candidateModes();
        int s = run.steps();
        if (s < desired.length) {
            for (int i = 0; i < n; i++) {
                if (c[i] == desired[s]) {
                    return i;
                }
            }
        }
        int cur = run.currentThread();
        int firstNormal = -1;
        for (int i = 0; i < n; i++) {
            if (m[i] == Op.NORMAL) {
                if (c[i] == cur) {
                    return i;
                }
                if (firstNormal < 0) {
                    firstNormal = i;
                }
            }
        }
        return firstNormal >= 0 ? firstNormal : 0;
    }
}
