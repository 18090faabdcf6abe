package org.futexlab.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.futexlab.junit.tooling.ScenarioResult;
import org.futexlab.junit.tooling.VariantCatalog;
import org.futexlab.junit.tooling.ReplayToken;
import org.futexlab.junit.tooling.Schedule;
import org.junit.jupiter.api.Test;

/** What a verify plans from the module's scenarios, the catalog and the user's selection, before any fork. */
class PlanTest {
    private static final String SCENARIO = "org.futexlab.junit.Scenario";
    private static final ScannedScenario LOST_WAKEUP = new ScannedScenario("com.example.LockScenarios",
            "lostWakeup", SCENARIO, List.of("v-one"));
    private static final ScannedScenario MISSPELT = new ScannedScenario("com.example.OtherScenarios",
            "misspelt", SCENARIO, List.of("v-onw"));
    private static final ScannedScenario PLAIN = new ScannedScenario("com.example.OtherScenarios",
            "plain", SCENARIO, List.of());

    private static VariantCatalog catalog() throws IOException {
        return VariantCatalog.read("test", new StringReader("variants = v-one, v-two\n"
                + "v-one.title = One\nv-one.subsystem = locking\nv-one.fix = 0123456789abcdef\n"
                + "v-two.title = Two\nv-two.subsystem = locking\nv-two.fix = fedcba9876543210\n"));
    }

    private static ReplayToken token(String scenario, Set<String> variants) {
        return new ReplayToken(scenario, variants, "PCT", 1, 0, 0, 100, new Schedule(new int[0], new int[0]), null, null);
    }

    @Test
    void aVerifyRunsTheBaselineAndEveryVariantOrTheOnesNamed() throws Exception {
        Plan all = Plan.of(List.of(LOST_WAKEUP, PLAIN), List.of(), List.of(), null, catalog(), "m");
        assertThat(all.scenarios()).containsExactly(LOST_WAKEUP, PLAIN);
        assertThat(all.runs()).extracting(PlannedRun::name).containsExactly("baseline", "v-one", "v-two");

        Plan one = Plan.of(List.of(LOST_WAKEUP, PLAIN), List.of("Lock*"), List.of("v-two"), null, catalog(), "m");
        assertThat(one.scenarios()).containsExactly(LOST_WAKEUP);
        assertThat(one.runs()).extracting(PlannedRun::name).containsExactly("baseline", "v-two");
    }

    @Test
    void badSelectionsAreRefusedNamingWhatIsAccepted() {
        assertThatThrownBy(() -> Plan.of(List.of(LOST_WAKEUP), List.of("Nope"), List.of(), null, catalog(), "m"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("futex.scenarios=Nope matches none of the test classes with @KernelScenario tests: "
                        + "com.example.LockScenarios (give names, simple names or patterns with *, comma-separated)");
        assertThatThrownBy(() -> Plan.of(List.of(LOST_WAKEUP), List.of(), List.of("v-three"), null, catalog(), "m"))
                .hasMessage("futex.variants names unknown variant v-three; known variants: v-one, v-two");
        assertThatThrownBy(() -> Plan.of(List.of(LOST_WAKEUP, MISSPELT), List.of(), List.of(), null, catalog(), "m"))
                .hasMessage("com.example.OtherScenarios#misspelt: detects names unknown variant v-onw; known "
                        + "variants: v-one, v-two");
    }

    @Test
    void aReplayRunsOnlyItsScenarioUnderItsRecordedVariants() throws Exception {
        // Another scenario's misspelt detects does not stop the replay: it answers for its own scenario only.
        Plan p = Plan.of(List.of(LOST_WAKEUP, MISSPELT, PLAIN), List.of(), List.of(),
                token(LOST_WAKEUP.id(), Set.of("v-one")), catalog(), "m");
        assertThat(p.scenarios()).containsExactly(LOST_WAKEUP);
        assertThat(p.runs()).containsExactly(PlannedRun.replay(List.of("v-one")));

        assertThatThrownBy(() -> Plan.of(List.of(LOST_WAKEUP), List.of(), List.of("v-two"),
                token(LOST_WAKEUP.id(), Set.of("v-one")), catalog(), "m"))
                .hasMessageStartingWith("futex.replay: the replay token of com.example.LockScenarios#lostWakeup "
                        + "was recorded with the variants v-one, and this run has futex.variants=v-two");
        assertThatThrownBy(() -> Plan.of(List.of(LOST_WAKEUP), List.of(), List.of(),
                token(LOST_WAKEUP.id(), Set.of("since-removed")), catalog(), "m"))
                .hasMessage("futex.replay: the replay token names unknown variant since-removed; known variants: "
                        + "v-one, v-two");
        assertThatThrownBy(() -> Plan.of(List.of(LOST_WAKEUP, PLAIN), List.of("OtherScenarios"), List.of(),
                token(LOST_WAKEUP.id(), Set.of()), catalog(), "m"))
                .hasMessage("futex.replay replays com.example.LockScenarios#lostWakeup, which "
                        + "futex.scenarios=OtherScenarios leaves out");
        assertThatThrownBy(() -> Plan.of(List.of(PLAIN), List.of(), List.of(),
                token("com.example.Gone#away", Set.of()), catalog(), "target/test-classes"))
                .hasMessage("futex.replay replays com.example.Gone#away, which is not a @KernelScenario in "
                        + "target/test-classes");
    }

    @Test
    void aModuleWithoutScenariosIsRefusedBeforeAnySelection() {
        assertThatThrownBy(() -> Plan.of(List.of(), List.of("Lock*"), List.of(), null, catalog(),
                "target/test-classes"))
                .hasMessage("No @KernelScenario tests found in target/test-classes: futex:verify runs the methods "
                        + "annotated with org.futexlab.junit.KernelScenario (see futex:help).");
    }

    private static RunResult replayed(ScenarioResult.Outcome outcome, String headline) {
        RunResult r = new RunResult(PlannedRun.replay(List.of("v-one")));
        r.status = RunResult.Status.COMPLETED;
        r.scenarios.put(LOST_WAKEUP.id(), new ScenarioResult(LOST_WAKEUP.id(), List.of("v-one"), outcome, 1, false,
                1_000, "replay of one schedule\n  " + headline, outcome == ScenarioResult.Outcome.PASSED ? null
                : new ScenarioResult.Failure("CHECK", headline, 1, "", List.of(), List.of())));
        return r;
    }

    @Test
    void aReplayFailsWhenTheScheduleFailsOrCannotBeReplayedAndPassesWhenItNoLongerFails() throws Exception {
        List<String> log = new ArrayList<>();
        VerifyMojo.replayed(replayed(ScenarioResult.Outcome.PASSED, "passed"), LOST_WAKEUP.id(), log::add);
        assertThat(log).containsExactly("replay of one schedule", "  passed");

        assertThatThrownBy(() -> VerifyMojo.replayed(replayed(ScenarioResult.Outcome.FAILED, "check failed"),
                LOST_WAKEUP.id(), log::add))
                .hasMessage("futex.replay: the schedule fails as recorded: check failed");
        assertThatThrownBy(() -> VerifyMojo.replayed(replayed(ScenarioResult.Outcome.ERROR, "the scenario changed"),
                LOST_WAKEUP.id(), log::add))
                .hasMessage("futex.replay: the schedule could not be replayed: the scenario changed");
    }
}
