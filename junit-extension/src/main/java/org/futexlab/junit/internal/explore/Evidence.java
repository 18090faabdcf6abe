package org.futexlab.junit.internal.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.futexlab.junit.internal.sched.Coverage;
import org.futexlab.junit.internal.sched.Run;
import org.futexlab.junit.internal.sched.StaticState;

/**
 * What the schedules of one exploration saw, beyond their outcomes: whether a pass is evidence. A thread no
 * schedule observed was never interleaved with anything; the scheduling points and conflicting pairs say how much
 * the search had to interleave; the static fields schedules wrote are state one schedule can leave to the next.
 * Schedules run in parallel report here, so every method is synchronized.
 */
final class Evidence {
    private final Coverage coverage = new Coverage();
    /** Threads seen in some schedule, and those observed (a scheduling point, a checked access) in some schedule. */
    private final Set<String> threadsRun = new LinkedHashSet<>();
    private final Set<String> threadsObserved = new HashSet<>();
    /** Static fields statics = RESET could not set back. */
    private final Set<String> notReset = new TreeSet<>();
    private final boolean resetStatics;

    Evidence(boolean resetStatics) {
        this.resetStatics = resetStatics;
    }

    /** Whether schedules must run one at a time: setting statics back while another schedule runs would race. */
    boolean oneAtATime() {
        return resetStatics;
    }

    /** Before a schedule: with statics = RESET, the statics earlier schedules wrote go back to their first values. */
    void beforeSchedule() {
        if (resetStatics) {
            List<String> missed = StaticState.reset(coverage.staticWrites());
            synchronized (this) {
                notReset.addAll(missed);
            }
        }
    }

    /** After a schedule. */
    synchronized void afterSchedule(Run run) {
        coverage.merge(run.coverage());
        for (int i = 0; i < run.threadCount(); i++) {
            threadsRun.add(run.thread(i).name);
            if (run.thread(i).observed()) {
                threadsObserved.add(run.thread(i).name);
            }
        }
    }

    /** @return the threads that ran in some schedule and were observed in none */
    synchronized List<String> unseen() {
        List<String> out = new ArrayList<>();
        for (String n : threadsRun) {
            if (!threadsObserved.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Fills the result's coverage and statics. */
    synchronized void fill(ExplorationResult r) {
        r.schedulingPoints = coverage.schedulingPoints();
        r.conflictingPairs = coverage.conflictingPairs();
        r.staticWrites = coverage.staticWrites();
        r.staticsNotReset = List.copyOf(notReset);
    }
}
