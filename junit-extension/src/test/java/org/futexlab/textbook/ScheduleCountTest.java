package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EXHAUSTIVE's schedule counts on tiny programs, against counts worked out by hand.
 *
 * <p>Two threads a1 a2 and b1 b2, every step on one atomic (so no two steps commute): the interleavings are
 * the C(4,2) = 6 orders; choosing the first thread is free, and switching away from a thread that could go on
 * costs a preemption:
 * <pre>
 *   a1 a2 b1 b2  0      b1 b2 a1 a2  0
 *   a1 b1 b2 a2  1      b1 a1 a2 b2  1
 *   a1 b1 a2 b2  2      b1 a1 b2 a2  2
 * </pre>
 * so bound 0 explores 2, bound 1 explores 4 and bound 2 (or no bound) all 6. With the four steps on four
 * different atomics every order is equivalent: one schedule covers them all.
 */
class ScheduleCountTest {

    @ParameterizedTest(name = "{0} steps, maxPreemptions {1}: {2} schedules")
    @CsvSource({
        "dependent, 0, 2",
        "dependent, 1, 4",
        "dependent, 2, 6",
        "dependent, -1, 6",
        "independent, -1, 1",
        "independent, 0, 1",
        "independent, 1, 1",
        "independent, 2, 1",
    })
    void exhaustiveCountsMatchTheHandCount(String kind, int bound, int expected) {
        ScenarioBody body = kind.equals("dependent") ? Textbook::twoByTwoDependent : Textbook::twoByTwoIndependent;
        Exploration e = FutexLab.explore("2x2 " + kind, Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .maxPreemptions(bound).spuriousWakeups(0), body);
        assertThat(e.exhausted()).as(e.report()).isTrue();
        assertThat(e.schedules()).as(e.report()).isEqualTo(expected);
    }
}
