package org.futexlab.junit.internal.sched;

import org.futexlab.junit.internal.ops.Sites;

/**
 * The reports of a run that cannot finish: a deadlock (every live thread is blocked and no timed wait can fire),
 * which says who waits for what, and a livelock (the step budget is spent), which shows the steps that repeat.
 */
final class Stuck {
    private Stuck() {}

    /** Livelock reports look for a cycle among this many last steps. */
    private static final int LIVELOCK_WINDOW = 600;

    static RunFailure deadlock(Run run) {
        StringBuilder sb = new StringBuilder("every live thread is blocked:");
        for (int i = 0; i < run.nThreads; i++) {
            LogicalThread t = run.threads[i];
            if (!t.terminated()) {
                sb.append("\n    ").append(t.name).append(": ").append(run.owner(t.kind).blockedReason(t))
                        .append("  at ").append(Sites.get(t.site).where());
            }
        }
        for (int i = 0; i < run.nThreads; i++) {
            if (run.threads[i].terminated()) {
                sb.append("\n    ").append(run.threads[i].name).append(": finished");
            }
        }
        return new RunFailure(RunFailure.Kind.DEADLOCK, null, null, sb.toString());
    }

    static RunFailure livelock(Run run) {
        Trace trace = run.trace;
        int n = trace.size;
        int window = Math.min(n, LIVELOCK_WINDOW);
        int period = 0;
        for (int p = 1; p * 3 <= window && period == 0; p++) {
            boolean periodic = true;
            for (int i = n - 1; i >= n - 3 * p + p && periodic; i--) {
                periodic = trace.thread[i] == trace.thread[i - p] && trace.site[i] == trace.site[i - p];
            }
            if (periodic) {
                period = p;
            }
        }
        StringBuilder sb = new StringBuilder("the schedule took " + n + " steps (maxSteps) without finishing;");
        int from;
        if (period > 0) {
            sb.append(" these ").append(period).append(" steps repeat:");
            from = n - period;
        } else {
            sb.append(" no exact cycle; the last steps were:");
            from = Math.max(0, n - 12);
        }
        for (int i = from; i < n; i++) {
            Sites.Site s = Sites.get(trace.site[i]);
            sb.append("\n    ").append(run.threads[trace.thread[i]].name).append(": ").append(s.op()).append("  at ")
                    .append(s.where());
        }
        return new RunFailure(RunFailure.Kind.LIVELOCK, null, null, sb.toString());
    }

    /** @return how a deadlock report names an object: its class and identity */
    static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        return o.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }
}
