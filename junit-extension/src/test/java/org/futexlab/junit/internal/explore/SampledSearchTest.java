package org.futexlab.junit.internal.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntBinaryOperator;
import org.futexlab.junit.internal.sched.RunFailure;
import org.junit.jupiter.api.Test;

/**
 * The sampled search commits schedules in order and gives each its true k, however many threads run them: its
 * result is the sequential one. The schedules here are fakes whose length and verdict depend on (index, k), so a
 * schedule run with a wrong guess of k shows up as a different length or a different verdict.
 */
class SampledSearchTest {
    private static final int BUDGET = 300;

    /** A schedule's length: grows with the index now and then, so the guesses of k go wrong. */
    private static int length(int i, int k) {
        return 10 + (i % 17 == 0 ? i / 3 : i % 5) + (k % 3);
    }

    /** What a run committed: the search's end, and the k each committed schedule ran with. */
    private static final class Outcome {
        final SampledSearch.End end;
        final int reruns;
        final Set<String> threads;

        Outcome(SampledSearch.End end, int reruns, Set<String> threads) {
            this.end = end;
            this.reruns = reruns;
            this.threads = threads;
        }
    }

    private static Outcome search(boolean pct, int parallelism, IntBinaryOperator failsAt) {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SampledSearch s = new SampledSearch(pct, BUDGET, parallelism, (i, k) -> {
            threads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(1); // long enough for helpers to take schedules while the caller runs one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RunFailure f = failsAt.applyAsInt(i, k) != 0
                    ? new RunFailure(RunFailure.Kind.CHECK, "check", null, "schedule " + i + " with k " + k) : null;
            return new Explorer.Sched(f, null, 0, length(i, k), List.of(), false);
        }, () -> false, 10_000);
        SampledSearch.End end = s.search();
        return new Outcome(end, s.reruns(), threads);
    }

    /** The sequential definition: k of schedule i is the longest of 0..i-1, at least MIN_K. */
    private static int trueK(int index) {
        int k = SampledSearch.MIN_K;
        for (int j = 0; j < index; j++) {
            k = Math.max(k, length(j, k));
        }
        return k;
    }

    @Test
    void parallelSearchCommitsTheSequentialSchedulesAndRerunsWrongGuesses() {
        // Fails only with the right k: a speculative run with a wrong k must not be reported.
        int target = 250;
        IntBinaryOperator failsAt = (i, k) -> i == target && k == trueK(target) ? 1 : 0;
        Outcome one = search(true, 1, failsAt);
        Outcome four = search(true, 4, failsAt);

        assertThat(one.end.index).isEqualTo(target);
        assertThat(one.end.ran).isEqualTo(target + 1);
        assertThat(one.reruns).as("one thread always knows k").isZero();
        assertThat(four.end.index).isEqualTo(one.end.index);
        assertThat(four.end.ran).isEqualTo(one.end.ran);
        assertThat(four.end.failed.failure.details).isEqualTo(one.end.failed.failure.details);
        assertThat(four.reruns).as("speculation with k growing now and then").isPositive();
        assertThat(four.threads).as("threads that ran schedules").hasSizeGreaterThan(1);
    }

    @Test
    void aFailureOnAWrongGuessOfKIsNotAFinding() {
        // Every schedule fails when run with a k that is not its own: only reruns can tell.
        IntBinaryOperator failsAt = (i, k) -> k != trueK(i) ? 1 : 0;
        Outcome four = search(true, 4, failsAt);
        assertThat(four.end.failed).isNull();
        assertThat(four.end.ran).isEqualTo(BUDGET);
        assertThat(four.end.timedOut).isFalse();
    }

    @Test
    void randomIgnoresKAndNeverReruns() {
        IntBinaryOperator failsAt = (i, k) -> i == 123 ? 1 : 0;
        Outcome four = search(false, 4, failsAt);
        assertThat(four.end.index).isEqualTo(123);
        assertThat(four.reruns).isZero();
    }

    @Test
    void anEngineErrorInAHelperSurfacesWhenItsScheduleIsCommittedAndNoHelperOutlivesTheSearch() {
        AtomicInteger calls = new AtomicInteger();
        SampledSearch s = new SampledSearch(false, BUDGET, 3, (i, k) -> {
            calls.incrementAndGet();
            if (i == 40) {
                throw new IllegalStateException("engine bug at 40");
            }
            return new Explorer.Sched(null, null, 0, 12, List.of(), false);
        }, () -> false, 10_000);
        assertThatThrownBy(s::search).isInstanceOf(IllegalStateException.class).hasMessage("engine bug at 40");
        assertThat(calls.get()).as("schedules run past 40 are bounded by the window").isLessThan(40 + 1 + 2 * 3 + 1);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertThat(t.getName()).as("a helper left running").doesNotStartWith("futex schedules");
        }
    }

    @Test
    void aLateExplorationEndsWithTheSchedulesCommittedSoFar() {
        AtomicInteger committedChecks = new AtomicInteger();
        SampledSearch s = new SampledSearch(true, BUDGET, 2, (i, k) -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Explorer.Sched(null, null, 0, 12, List.of(), false);
        }, () -> committedChecks.incrementAndGet() > 20, 10_000);
        SampledSearch.End end = s.search();
        assertThat(end.timedOut).isTrue();
        assertThat(end.ran).isLessThan(BUDGET);
    }
}
