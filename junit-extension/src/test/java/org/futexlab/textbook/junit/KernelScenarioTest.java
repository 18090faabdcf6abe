package org.futexlab.textbook.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.ScenarioError;
import org.futexlab.junit.Settings;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** @KernelScenario as a user meets it: through the JUnit Platform, with configuration parameters. */
class KernelScenarioTest {

    private static EngineExecutionResults run(DiscoverySelector selector, Map<String, String> config) {
        EngineTestKit.Builder b = EngineTestKit.engine("junit-jupiter").selectors(selector)
                .configurationParameter("futex.samples", "true");
        config.forEach(b::configurationParameter);
        return b.execute();
    }

    private static Throwable failure(EngineExecutionResults r, String method) {
        List<Event> failed = r.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains(method))
                .collect(Collectors.toList());
        assertThat(failed).as("failed invocations of %s", method).hasSize(1);
        return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    private static String captureOut(Runnable action) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void schedulesThatShareTheTestInstanceRunOneAtATime() {
        EngineExecutionResults[] r = new EngineExecutionResults[1];
        String out = captureOut(() -> r[0] = run(selectClass(SharedInstanceSamples.class),
                Map.of("futex.parallelism", "3")));
        assertThat(r[0].testEvents().failed().count()).as(out).isZero();
        assertThat(r[0].testEvents().succeeded().count()).isEqualTo(1);
        assertThat(out).contains("countsIntoAField: runs one schedule at a time, not 3, since each schedule calls "
                + "the method on the same instance");

        String fresh = captureOut(() -> r[0] = run(selectClass(FreshInstanceSamples.class),
                Map.of("futex.parallelism", "3")));
        assertThat(r[0].testEvents().failed().count()).as(fresh).isZero();
        assertThat(r[0].testEvents().succeeded().count()).isEqualTo(1);
        assertThat(fresh).doesNotContain("one schedule at a time").contains("300 PCT schedules")
                .contains(", 3 at a time)");
    }

    @Test
    void passingScenarioPrintsItsProofAndFailingOneItsInterleaving() {
        String[] out = new String[1];
        EngineExecutionResults r = run(selectClass(ScenarioSamples.class), Map.of());
        out[0] = captureOut(() -> run(selectMethod(ScenarioSamples.class, "counter",
                "org.futexlab.junit.Scenario"), Map.of()));
        assertThat(out[0]).contains("[futex] " + ScenarioSamples.class.getName() + "#counter: exhausted:")
                .contains("no failure up to 2 preemptions");
        r.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));

        Throwable lost = failure(r, "lostUpdateOnAField");
        assertThat(lost).isInstanceOf(AssertionError.class);
        assertThat(lost.getMessage()).contains("check failed \"both increments land\"")
                .contains("found by  PCT (seed=0, pctDepth=3, spuriousWakeups=1)")
                .contains("shrunk    to 1 preemption").contains("AtomicInteger#1.get")
                .contains("replay    futex1:");
        assertThat(lost.getCause()).as("the check's own assertion is the cause").isInstanceOf(AssertionError.class);

        Throwable slip = failure(r, "synchronizedSlip");
        assertThat(slip.getMessage()).contains("enter synchronized add").contains("monitor enter SyncBox#1");
    }

    @Test
    void theReadmeExampleFailsAsTheReadmeShows() {
        EngineExecutionResults r = run(selectClass(ReadmeCounter.class), Map.of());
        String report = failure(r, "incrementsAreNotLost").getMessage();
        System.out.println(report);
        assertThat(report).contains("check failed \"both land\"")
                .contains("found by  EXHAUSTIVE (maxPreemptions=2, spuriousWakeups=1), schedule 2")
                .contains("shrunk    to 1 preemption; 4 steps").contains("ReadmeCounter.java:12")
                .contains("ReadmeCounter.java:13");
    }

    /** The README's token before format 2 added the variants: tokens already printed keep working. */
    @Test
    void aFormatOneTokenStillReplays() {
        String formatOne = "futex1:eJxjYGBgZLDLL0rXSystSa3ISUzSA1IlSfn52XpZpXmZJXpBqYkpuanO-aV5JalFypl5yUWpual5"
                + "JcWORal--SU--cUlTAwIwAjBfgpAmhnIBIJ5b55sBQB77RxF";
        org.futexlab.junit.Exploration e = org.futexlab.junit.FutexLab.explore(ReadmeCounter.class,
                "incrementsAreNotLost", org.futexlab.junit.Settings.defaults().replay(formatOne));
        assertThat(e.outcome()).isEqualTo(org.futexlab.junit.Exploration.Outcome.FAILED);
        assertThat(e.report()).contains("replay of one schedule").contains("check failed \"both land\"");
        assertThat(e.failure().orElseThrow().steps()).hasSize(4);
    }

    @Test
    void configurationParametersOverrideTheAnnotation() {
        EngineExecutionResults r = run(selectMethod(ScenarioSamples.class, "lostUpdateOnAField",
                "org.futexlab.junit.Scenario"), Map.of("futex.strategy", "exhaustive", "futex.maxPreemptions", "1"));
        assertThat(failure(r, "lostUpdateOnAField").getMessage()).contains("found by  EXHAUSTIVE (maxPreemptions=1");
    }

    @Test
    void variantsTurnTheBugOnAndAreCheckedAgainstTheCatalog() {
        String counter = "counter";
        EngineExecutionResults baseline = run(selectMethod(ScenarioSamples.class, counter,
                "org.futexlab.junit.Scenario"), Map.of());
        baseline.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        EngineExecutionResults reverted = run(selectMethod(ScenarioSamples.class, counter,
                "org.futexlab.junit.Scenario"), Map.of("futex.variants", "sample-lost-update"));
        assertThat(failure(reverted, counter).getMessage()).contains("variants  sample-lost-update")
                .contains("check failed");

        EngineExecutionResults unknown = run(selectMethod(ScenarioSamples.class, counter,
                "org.futexlab.junit.Scenario"), Map.of("futex.variants", "sample-lost-update,nope"));
        Throwable t = failure(unknown, counter);
        assertThat(t).isInstanceOf(ScenarioError.class);
        assertThat(t.getMessage()).isEqualTo("futex.variants names unknown variant nope; known variants: "
                + "sample-lost-update, sample-unused");
    }

    @Test
    void aReplayTokenBringsItsVariantsWhichTheCatalogMustKnow() {
        String counter = "counter";
        EngineExecutionResults reverted = run(selectMethod(ScenarioSamples.class, counter,
                "org.futexlab.junit.Scenario"), Map.of("futex.variants", "sample-lost-update"));
        Matcher m = Pattern.compile("replay {4}(futex1:\\S+)").matcher(failure(reverted, counter).getMessage());
        assertThat(m.find()).isTrue();

        EngineExecutionResults replayed = run(selectMethod(ScenarioSamples.class, counter,
                "org.futexlab.junit.Scenario"), Map.of("futex.replay", m.group(1)));
        assertThat(failure(replayed, counter).getMessage()).contains("replay of one schedule")
                .contains("variants  sample-lost-update").contains("check failed");

        // Other variants than the token's would replay its schedule on another model.
        Throwable mismatch = failure(run(selectMethod(ScenarioSamples.class, counter, "org.futexlab.junit.Scenario"),
                Map.of("futex.replay", m.group(1), "futex.variants", "sample-unused")), counter);
        assertThat(mismatch).isInstanceOf(ScenarioError.class);
        assertThat(mismatch.getMessage()).isEqualTo("futex.replay: the replay token of " + ScenarioSamples.class
                .getName() + "#counter was recorded with the variants sample-lost-update, and this run has "
                + "futex.variants=sample-unused: leave futex.variants unset, and the replay takes the token's");

        // A token from a catalog that has changed since: its variant is unknown here.
        String stale = FutexLab.explore(ScenarioSamples.class, counter, Settings.defaults().variants(
                java.util.Set.of("sample-lost-update", "since-removed"))).failure().orElseThrow().replayToken();
        Throwable t = failure(run(selectMethod(ScenarioSamples.class, counter, "org.futexlab.junit.Scenario"),
                Map.of("futex.replay", stale)), counter);
        assertThat(t).isInstanceOf(ScenarioError.class);
        assertThat(t.getMessage()).isEqualTo("the replay token names unknown variant since-removed; known variants: "
                + "sample-lost-update, sample-unused");
    }

    @Test
    void replayTokensRerunExactlyThatScheduleAndNameTheirScenario() {
        EngineExecutionResults r = run(selectMethod(ScenarioSamples.class, "lostUpdateOnAField",
                "org.futexlab.junit.Scenario"), Map.of());
        String report = failure(r, "lostUpdateOnAField").getMessage();
        Matcher m = Pattern.compile("replay {4}(futex1:\\S+)").matcher(report);
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        String lanes = report.substring(report.indexOf("  step  where"), report.indexOf("  (* marks"));

        EngineExecutionResults replayed = run(selectClass(ScenarioSamples.class), Map.of("futex.replay", token));
        String replay = failure(replayed, "lostUpdateOnAField").getMessage();
        assertThat(replay).contains("replay of one schedule").contains(lanes);
        // Scenarios the token does not name are skipped, not failed.
        replayed.testEvents().assertStatistics(stats -> stats.failed(1).aborted(3));

        EngineExecutionResults wrong = run(selectMethod(ScenarioSamples.class, "counter",
                "org.futexlab.junit.Scenario"), Map.of("futex.replay", "futex1:AAAA"));
        assertThat(failure(wrong, "counter").getMessage()).startsWith("futex.replay: malformed replay token \"futex1:AAAA\"");
    }

    @Test
    void badInputGetsOneClearMessage() {
        EngineExecutionResults r = run(selectClass(BadSamples.class), Map.of());
        String cls = BadSamples.class.getName();
        assertThat(failure(r, "zeroSchedules").getMessage()).isEqualTo("@KernelScenario on " + cls
                + "#zeroSchedules: schedules = 0 is invalid: expected a positive number of schedules");
        assertThat(failure(r, "badTimeout").getMessage()).isEqualTo("@KernelScenario on " + cls
                + "#badTimeout: timeout = \"soon\" is not a duration: expected such as 500ms, 90s, 5m, 1h or PT2M");
        assertThat(failure(r, "malformedToken").getMessage()).startsWith("@KernelScenario on " + cls
                + "#malformedToken: malformed replay token \"futex1:definitely-not-a-token\": it is truncated or "
                + "corrupt")
                .doesNotContain("\n");
        assertThat(failure(r, "unknownDetects").getMessage()).isEqualTo("@KernelScenario on " + cls
                + "#unknownDetects: detects names unknown variant no-such-variant; known variants: "
                + "sample-lost-update, sample-unused");
        assertThat(failure(r, "noScenarioParameter").getMessage()).isEqualTo("@KernelScenario method " + cls
                + "#noScenarioParameter must take a org.futexlab.junit.Scenario parameter, on which it declares "
                + "its threads");
        assertThat(failure(r, "noThreads").getMessage()).contains("the scenario declares no threads");
        Throwable boot = failure(r, "throwsWhileBuilding");
        assertThat(boot).isInstanceOf(ScenarioError.class);
        assertThat(boot.getMessage()).contains("could not be explored").contains("the model refused to boot");
        assertThat(boot.getCause()).hasMessage("the model refused to boot");
        assertThat(failure(r, "badInstrument").getMessage()).isEqualTo("@KernelScenario on " + cls
                + "#badInstrument: instrument = not a package! is invalid: expected Java package "
                + "names such as com.example.locks");
        r.testEvents().assertStatistics(stats -> stats.failed(8).succeeded(0));
    }

    @Test
    void badConfigurationParametersGetOneClearMessage() {
        var sel = selectMethod(ScenarioSamples.class, "counter", "org.futexlab.junit.Scenario");
        assertThat(failure(run(sel, Map.of("futex.strategy", "clever")), "counter").getMessage())
                .isEqualTo("futex.strategy = \"clever\" is not accepted: expected one of [RANDOM, PCT, EXHAUSTIVE]");
        assertThat(failure(run(sel, Map.of("futex.schedules", "lots")), "counter").getMessage())
                .isEqualTo("futex.schedules = \"lots\" is not a number: expected an integer");
        assertThat(failure(run(sel, Map.of("futex.maxPreemptions", "-7")), "counter").getMessage())
                .isEqualTo("futex.maxPreemptions = -7 is invalid: expected -1 (no bound) or a bound >= 0");
    }

    @Test
    void withAResultsDirectoryEachScenarioLeavesItsResultForTools(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        run(selectClass(ReadmeCounter.class), Map.of("futex.resultsDir", dir.toString()));
        run(selectMethod(ScenarioSamples.class, "counter", "org.futexlab.junit.Scenario"),
                Map.of("futex.resultsDir", dir.toString(), "futex.schedules", "zero"));
        java.util.Properties failed = load(dir.resolve("org.futexlab.textbook.junit.ReadmeCounter_incrementsAreNotLost.result.properties"));
        assertThat(failed.getProperty("format")).isEqualTo("1");
        assertThat(failed.getProperty("scenario")).isEqualTo("org.futexlab.textbook.junit.ReadmeCounter#incrementsAreNotLost");
        assertThat(failed.getProperty("outcome")).isEqualTo("FAILED");
        assertThat(failed.getProperty("failure.kind")).isEqualTo("CHECK");
        assertThat(failed.getProperty("failure.replay")).startsWith("futex1:");
        assertThat(failed.getProperty("failure.threads")).isEqualTo("a,b");
        assertThat(failed.getProperty("step.1")).isEqualTo("a\tAtomicInteger#1.get\tReadmeCounter.java:12\tfalse");
        assertThat(failed.getProperty("step.4")).endsWith("\tfalse");
        assertThat(failed.getProperty("step.5")).isNull();
        assertThat(failed.getProperty("report")).contains("shrunk    to 1 preemption; 4 steps");
        java.util.Properties error = load(dir.resolve("org.futexlab.textbook.junit.ScenarioSamples_counter.result.properties"));
        assertThat(error.getProperty("outcome")).isEqualTo("ERROR");
        assertThat(error.getProperty("failure.kind")).isEqualTo("SETUP");
        assertThat(error.getProperty("failure.headline")).contains("futex.schedules").contains("zero");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no half-written file left").hasSize(2)
                    .allMatch(n -> n.endsWith(".result.properties"));
        }
    }

    private static java.util.Properties load(java.nio.file.Path f) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(f)) {
            p.load(in);
        }
        return p;
    }
}
