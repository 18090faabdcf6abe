package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.junit.jupiter.api.Test;

/** A replay token reruns exactly one schedule, every time, and refuses what it was not made for. */
class ReplayTest {

    @Test
    void replayReproducesTheIdenticalTraceAHundredTimesOutOfAHundred() {
        for (Strategy strategy : List.of(Strategy.PCT, Strategy.EXHAUSTIVE)) {
            Exploration found = FutexLab.explore("wait in if", Settings.defaults().strategy(strategy).schedules(500),
                    Textbook::waitInIf);
            Exploration.Failure f = found.failure().orElseThrow();
            String token = f.replayToken();
            for (int i = 0; i < 100; i++) {
                Exploration again = FutexLab.explore("wait in if", Settings.defaults().replay(token),
                        Textbook::waitInIf);
                Exploration.Failure g = again.failure().orElseThrow();
                assertThat(g.headline()).isEqualTo(f.headline());
                assertThat(g.swimlanes()).as("replay %d of %s", i, strategy).isEqualTo(f.swimlanes());
                assertThat(again.report()).startsWith("wait in if: replay of one schedule");
            }
        }
    }

    @Test
    void aTokenNamesItsScenario() {
        String token = FutexLab.explore("lost update", Settings.defaults(), Textbook::lostUpdate).failure()
                .orElseThrow().replayToken();
        assertThatThrownBy(() -> FutexLab.explore("another scenario", Settings.defaults().replay(token),
                Textbook::lostUpdate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the replay token is for scenario lost update, not another scenario; pass it to the "
                        + "scenario it was printed for");
    }

    @Test
    void malformedTokensAreRefusedWithOneMessage() {
        for (String bad : List.of("hello", "futex1:", "futex1:@@@", "futex2:eJxjYGBg", "futex1:eJxjYGBgZGAtzs3P")) {
            assertThatThrownBy(() -> FutexLab.explore("x", Settings.defaults().replay(bad),
                    Textbook::lostUpdate))
                    .as("token %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("malformed replay token")
                    .hasMessageContaining("A token looks like futex1:");
        }
    }

    @Test
    void aScenarioThatChangedSinceTheTokenIsReportedAsSuch() {
        String token = FutexLab.explore("counter", Settings.defaults().strategy(Strategy.EXHAUSTIVE),
                Textbook::lostUpdate).failure().orElseThrow().replayToken();
        Exploration e = FutexLab.explore("counter", Settings.defaults().replay(token), Textbook::atomicIncrement);
        assertThat(e.outcome()).isEqualTo(Exploration.Outcome.ERROR);
        assertThat(e.failure().orElseThrow().kind()).isEqualTo("NONDETERMINISM");
    }
}
