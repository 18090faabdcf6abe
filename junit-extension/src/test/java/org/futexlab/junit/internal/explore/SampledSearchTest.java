package org.futexlab.junit.internal.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    /** A verdict of failsAt: the run throws, as an engine error would. */
    private static final int THROWS = 2;

    /**
     * A schedule's length: grows with the index now and then, so the guesses of k go wrong. Schedule 1 is longer
     * than schedule 0, so a schedule claimed while 1 runs (see search) has guessed wrong.
     */
    private static int length(int i, int k) {
        return 10 + (i % 17 == 1 ? i / 3 + 6 : i % 5) + (k % 3);
    }

    /** What a search did: how it ended, its reruns, and the threads that ran schedules. */
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

    /**
     * With parallelism above 1, schedule 1 waits (boundedly) until another thread has started a later schedule:
     * so some schedule surely runs ahead of the commit point, on another thread, with a guess of k made before
     * schedule 1's length was known.
     */
    private static Outcome search(boolean pct, int parallelism, IntBinaryOperator failsAt) {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch laterStarted = new CountDownLatch(1);
        SampledSearch s = new SampledSearch(pct, BUDGET, parallelism, (i, k) -> {
            threads.add(Thread.currentThread().getName());
            if (i >= 2) {
                laterStarted.countDown();
            }
            try {
                if (i == 1 && parallelism > 1) {
                    assertThat(laterStarted.await(10, TimeUnit.SECONDS)).as("a later schedule started").isTrue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int verdict = failsAt.applyAsInt(i, k);
            if (verdict == THROWS) {
                throw new IllegalStateException("schedule " + i + " threw with k " + k);
            }
            RunFailure f = verdict != 0
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

        assertThat(one.end.failed().failure().details).isEqualTo("schedule " + target + " with k " + trueK(target));
        assertThat(one.end.ran()).isEqualTo(target + 1);
        assertThat(one.reruns).as("one thread always knows k").isZero();
        assertThat(four.end.ran()).isEqualTo(one.end.ran());
        assertThat(four.end.failed().failure().details).isEqualTo(one.end.failed().failure().details);
        assertThat(four.reruns).as("a schedule run while schedule 1 ran, which grew k").isPositive();
        assertThat(four.threads).as("threads that ran schedules").hasSizeGreaterThan(1);
    }

    @Test
    void aFailureOnAWrongGuessOfKIsNotAFinding() {
        // Every schedule fails when run with a k that is not its own: only reruns can tell.
        IntBinaryOperator failsAt = (i, k) -> k != trueK(i) ? 1 : 0;
        Outcome four = search(true, 4, failsAt);
        assertThat(four.end.failed()).isNull();
        assertThat(four.end.ran()).isEqualTo(BUDGET);
        assertThat(four.end.timedOut()).isFalse();
        assertThat(four.reruns).as("wrong guesses were made, and run again").isPositive();
    }

    @Test
    void anErrorOnAWrongGuessOfKIsRunAgainWithTheRightOne() {
        Outcome four = search(true, 4, (i, k) -> k != trueK(i) ? THROWS : 0);
        assertThat(four.end.failed()).isNull();
        assertThat(four.end.ran()).isEqualTo(BUDGET);
        assertThat(four.reruns).isPositive();
        assertThatThrownBy(() -> search(true, 4, (i, k) -> i == 77 && k == trueK(i) ? THROWS : 0))
                .isInstanceOf(IllegalStateException.class).hasMessage("schedule 77 threw with k " + trueK(77));
    }

    @Test
    void randomRunsEveryScheduleWithoutAK() {
        IntBinaryOperator failsAt = (i, k) -> i == 123 ? 1 : 0;
        Outcome four = search(false, 4, failsAt);
        assertThat(four.end.ran()).isEqualTo(123 + 1);
        assertThat(four.end.failed().failure().details).isEqualTo("schedule 123 with k " + SampledSearch.MIN_K);
    }

    @Test
    void anEngineErrorSurfacesWhenItsScheduleIsCommittedAndNoHelperOutlivesTheSearch() {
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
        AtomicInteger lateChecks = new AtomicInteger();
        SampledSearch s = new SampledSearch(true, BUDGET, 2,
                (i, k) -> new Explorer.Sched(null, null, 0, 12, List.of(), false),
                () -> lateChecks.incrementAndGet() > 20, 10_000);
        SampledSearch.End end = s.search();
        assertThat(end.timedOut()).isTrue();
        assertThat(end.ran()).as("the search asks before each commit").isLessThanOrEqualTo(20);
    }
}
