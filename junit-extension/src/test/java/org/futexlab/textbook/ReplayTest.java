package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
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

    /** Fails only with the fix "fix" reverted: the lost update, or the atomic increment on the fixed code. */
    private static void countsUnlessReverted(org.futexlab.junit.Scenario s) {
        if (s.variants().isActive("fix")) {
            Textbook.lostUpdate(s);
        } else {
            Textbook.atomicIncrement(s);
        }
    }

    @Test
    void aTokenReplaysUnderTheVariantsItWasRecordedWith() {
        Exploration found = FutexLab.explore("counter", Settings.defaults().variants(Set.of("fix")),
                ReplayTest::countsUnlessReverted);
        String token = found.failure().orElseThrow().replayToken();

        Exploration replayed = FutexLab.explore("counter", Settings.defaults().replay(token),
                ReplayTest::countsUnlessReverted);
        assertThat(replayed.settings().variants()).containsExactly("fix");
        assertThat(replayed.failure().orElseThrow().swimlanes()).isEqualTo(found.failure().orElseThrow().swimlanes());
        assertThat(FutexLab.explore("counter", Settings.defaults().replay(token).variants(Set.of("fix")),
                ReplayTest::countsUnlessReverted).outcome()).isEqualTo(Exploration.Outcome.FAILED);

        assertThatThrownBy(() -> FutexLab.explore("counter", Settings.defaults().replay(token)
                .variants(Set.of("other")), ReplayTest::countsUnlessReverted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the replay token of counter was recorded with the variants fix, and this run has "
                        + "futex.variants=other: leave futex.variants unset, and the replay takes the token's");
    }

    @Test
    void aBaselineTokenRefusesVariants() {
        String token = FutexLab.explore("lost update", Settings.defaults(), Textbook::lostUpdate).failure()
                .orElseThrow().replayToken();
        assertThatThrownBy(() -> FutexLab.explore("lost update", Settings.defaults().replay(token)
                .variants(Set.of("fix")), Textbook::lostUpdate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was recorded on the baseline (no variant)");
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
