package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plain field and array accesses are checked for data races by happens-before: every strategy reports a race with
 * both accesses' threads, fields and lines and a replay token, and the twin that orders the same accesses (a lock, a
 * volatile, start and join) passes with no race reported.
 */
class DataRaceTest {
    private static Settings settings(Strategy strategy) {
        Settings s = Settings.defaults().strategy(strategy).maxSteps(2000).spuriousWakeups(0);
        return strategy == Strategy.EXHAUSTIVE ? s.maxPreemptions(2).schedules(5000) : s.schedules(500);
    }

    static Stream<Arguments> races() {
        return Stream.of(
                Arguments.of("unguarded counter", (ScenarioBody) Races::unguardedCounter,
                        (ScenarioBody) Races::monitorCounter, "Races$Counter.hits"),
                Arguments.of("counter under a ReentrantLock", (ScenarioBody) Races::unguardedCounter,
                        (ScenarioBody) Races::lockCounter, "Races$Counter.hits"),
                Arguments.of("broken Peterson lock", (ScenarioBody) Races::brokenPeterson,
                        (ScenarioBody) Races::peterson, "Races$Counter.hits"),
                Arguments.of("publication", (ScenarioBody) Races::publishedBehindAPlainFlag,
                        (ScenarioBody) Races::publishedBehindAVolatileFlag, "Races$Mailbox."),
                Arguments.of("start without join", (ScenarioBody) Races::startWithoutJoin,
                        (ScenarioBody) Races::startAndJoin, "Races$Counter.hits"),
                Arguments.of("array slot", (ScenarioBody) Races::arraySlotShared,
                        (ScenarioBody) Races::arraySlotsOfTheirOwn, "element 1 of int[]"),
                Arguments.of("static counter", (ScenarioBody) Races::staticCounter,
                        (ScenarioBody) Races::monitorCounter, "Races.shared"));
    }

    @ParameterizedTest(name = "{0}: a data race under every strategy, none in its twin")
    @MethodSource("races")
    void aRaceIsFoundAndItsOrderedTwinPasses(String name, ScenarioBody racy, ScenarioBody ordered, String where) {
        for (Strategy strategy : Strategy.values()) {
            Exploration found = FutexLab.explore(name, settings(strategy), racy);
            assertThat(found.outcome()).as("%s under %s:%n%s", name, strategy, found.report())
                    .isEqualTo(Exploration.Outcome.FAILED);
            Exploration.Failure f = found.failure().orElseThrow();
            assertThat(f.kind()).as(found.report()).isEqualTo("DATA_RACE");
            assertThat(f.headline()).startsWith("data race on ").contains(where).contains("Races.java:");
            assertThat(f.details()).contains("Races.java:").contains("nothing orders the two");
            assertThat(f.replayToken()).startsWith("futex1:");

            Exploration twin = FutexLab.explore(name + " twin", settings(strategy), ordered);
            assertThat(twin.outcome()).as("%s twin under %s:%n%s", name, strategy, twin.report())
                    .isEqualTo(Exploration.Outcome.PASSED);
        }
    }

    @Test
    void aReportNamesBothAccessesAndTheTokenReplaysTheRace() {
        Exploration found = FutexLab.explore("counter", settings(Strategy.EXHAUSTIVE), Races::unguardedCounter);
        Exploration.Failure f = found.failure().orElseThrow();
        assertThat(f.details()).containsPattern("(?m)^  [ab]: (read |write) .*Races\\$Counter\\.hits  at Races\\.java:\\d+")
                .contains("benignRaces = \"Races$Counter.hits\"");
        Exploration replay = FutexLab.explore("counter", settings(Strategy.EXHAUSTIVE).replay(f.replayToken()),
                Races::unguardedCounter);
        assertThat(replay.failure().orElseThrow().headline()).isEqualTo(f.headline());
    }

    @Test
    void aBenignRaceIsAcceptedByNameAndRacesOffChecksNothing() {
        Settings benign = settings(Strategy.EXHAUSTIVE).with(Settings.BENIGN_RACES, List.of("Races$Counter.hits"));
        assertThat(FutexLab.explore("benign", benign, Races::unguardedCounter).passed()).isTrue();
        Settings off = settings(Strategy.EXHAUSTIVE).with(Settings.RACES, false);
        Exploration unchecked = FutexLab.explore("off", off, Races::unguardedCounter);
        assertThat(unchecked.passed()).as(unchecked.report()).isTrue();
        Settings otherField = settings(Strategy.EXHAUSTIVE).with(Settings.BENIGN_RACES, List.of("Races$Mailbox.data"));
        assertThat(FutexLab.explore("other", otherField, Races::unguardedCounter).passed()).isFalse();
    }
}
