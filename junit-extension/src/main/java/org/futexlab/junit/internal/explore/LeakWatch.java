package org.futexlab.junit.internal.explore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds threads a schedule left running that the engine does not control, such as an executor's worker started
 * from inside the JDK, where no hook sees it. After each schedule a cheap thread count is compared; only when it
 * grew are the threads listed, and the new ones that are neither the engine's carriers nor the JDK's own
 * system threads are given a moment to finish before they are reported.
 */
final class LeakWatch {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Set<Long> known = new HashSet<>();
    private int lastCount;

    LeakWatch() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            known.add(t.getId());
        }
        lastCount = MX.getThreadCount();
    }

    /**
     * With schedules running in parallel, a leaked thread is reported by the first schedule to notice it.
     *
     * @return a description of leaked threads, or null
     */
    synchronized String check() {
        int count = MX.getThreadCount();
        if (count <= lastCount) {
            return null;
        }
        List<Thread> suspects = suspects();
        long until = System.nanoTime() + 500_000_000L;
        while (!suspects.isEmpty() && System.nanoTime() - until < 0) {
            suspects.removeIf(t -> !t.isAlive());
            if (!suspects.isEmpty()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        lastCount = MX.getThreadCount();
        if (suspects.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("threads started by code the engine does not control (an executor, a "
                + "timer, a library) were still running after the schedule; their work is not scheduled and may "
                + "race with the scenario:");
        for (Thread t : suspects) {
            known.add(t.getId()); // report each leaked thread once
            sb.append("\n    ").append(t.getName()).append(" (").append(t.getState()).append(')');
            StackTraceElement[] st = t.getStackTrace();
            for (int i = 0; i < Math.min(6, st.length); i++) {
                sb.append("\n        at ").append(st[i]);
            }
        }
        return sb.toString();
    }

    private List<Thread> suspects() {
        List<Thread> out = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (known.contains(t.getId()) || !t.isAlive() || ours(t)) {
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private static boolean ours(Thread t) {
        String cls = t.getClass().getName();
        ThreadGroup g = t.getThreadGroup();
        return cls.startsWith("org.futexlab.junit.internal.") || cls.startsWith("jdk.internal.")
                || g == null || "system".equals(g.getName());
    }
}
