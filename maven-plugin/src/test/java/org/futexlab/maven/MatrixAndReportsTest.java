package org.futexlab.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.futexlab.junit.tooling.ScenarioResult;
import org.futexlab.junit.tooling.ToolSettings;
import org.futexlab.junit.tooling.VariantCatalog;
import org.junit.jupiter.api.Test;

/** The verdict and the reports of a verify, from hand-made run results (no forks). */
class MatrixAndReportsTest {
    private static final String A = "com.example.LockScenarios#lostWakeup";
    private static final String B = "com.example.LockScenarios#orderedUnlock";

    private static VariantCatalog catalog() throws IOException {
        return VariantCatalog.read("test", new StringReader("variants = v-one, v-two\n"
                + "v-one.title = Fix <the> \"lost\" wake-up\nv-one.subsystem = locking\nv-one.fix = 0123456789abcdef\n"
                + "v-two.title = Second fix\nv-two.subsystem = locking\nv-two.fix = fedcba9876543210\n"));
    }

    private static final String SCENARIO = "org.futexlab.junit.Scenario";

    private static List<ScannedScenario> scenarios() {
        return List.of(new ScannedScenario("com.example.LockScenarios", "lostWakeup", SCENARIO, List.of("v-one")),
                new ScannedScenario("com.example.LockScenarios", "orderedUnlock", SCENARIO, List.of()));
    }

    private static ScenarioResult passed(String id) {
        return new ScenarioResult(id, List.of(), ScenarioResult.Outcome.PASSED, 100, false, 1_000_000,
                id + ": passed", null);
    }

    private static ScenarioResult error(String id, String headline) {
        return new ScenarioResult(id, List.of(), ScenarioResult.Outcome.ERROR, 0, false, 0, headline,
                new ScenarioResult.Failure("SETUP", headline, 0, "", List.of(), List.of()));
    }

    private static ScenarioResult failed(String id, String headline) {
        List<ScenarioResult.Step> steps = new ArrayList<>();
        steps.add(new ScenarioResult.Step("<b>waiter</b>", "LockSupport.park", "Lock.java:12", false));
        steps.add(new ScenarioResult.Step("waker", "AtomicInteger#1.set", "Lock.java:20", true));
        return new ScenarioResult(id, List.of(), ScenarioResult.Outcome.FAILED, 7, false, 2_000_000,
                "report </pre><script>x</script>", new ScenarioResult.Failure("CHECK", headline, 7, "futex1:abc",
                List.of("<b>waiter</b>", "waker"), steps));
    }

    private static RunResult run(String variant, ScenarioResult... results) {
        RunResult r = new RunResult(variant == null ? PlannedRun.baseline() : PlannedRun.of(variant));
        r.status = RunResult.Status.COMPLETED;
        r.exitCode = 0;
        for (ScenarioResult s : results) {
            r.scenarios.put(s.scenario(), s);
        }
        return r;
    }

    @Test
    void everyExpectationMetPasses() throws IOException {
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), passed(B)),
                run("v-one", failed(A, "lost"), passed(B)), run("v-two", passed(A), failed(B, "order"))), true);
        assertThat(m.problems).isEmpty();
        assertThat(m.rows.get("v-one").result()).isEqualTo("DETECTED");
        assertThat(m.rows.get("v-one").expectedBy).containsExactly(A);
        assertThat(m.rows.get("v-two").detectedBy).extracting(ScenarioResult::scenario).containsExactly(B);
    }

    @Test
    void aBaselineFailureAMissedExpectationAndAnUndetectedVariantEachFailTheBuild() throws IOException {
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), failed(B, "order broken")),
                run("v-one", passed(A), passed(B)), run("v-two", passed(A), passed(B))), true);
        assertThat(m.problems).containsExactly(
                "baseline: " + B + " fails on the fixed model: order broken",
                "v-one: " + A + " declares detects = \"v-one\" and passed in 100 schedules",
                "v-two: no scenario detects it (Second fix)");
    }

    @Test
    void withoutFailOnUndetectedAnUndetectedVariantIsAWarning() throws IOException {
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), passed(B)),
                run("v-one", failed(A, "lost"), passed(B)), run("v-two", passed(A), passed(B))), false);
        assertThat(m.problems).isEmpty();
        assertThat(m.warnings).containsExactly("v-two: no scenario detects it (Second fix)");
    }

    @Test
    void aCrashedForkIsAProblemWithItsLogTailAndKeepsTheResultsItHas() throws IOException {
        RunResult crashed = run("v-one", failed(A, "lost"));
        crashed.status = RunResult.Status.CRASHED;
        crashed.exitCode = 134;
        crashed.trouble = "# A fatal error has been detected by the Java Runtime Environment";
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), passed(B)), crashed,
                run("v-two", passed(A), failed(B, "order"))), true);
        assertThat(m.problems).hasSize(1);
        assertThat(m.problems.get(0)).startsWith("v-one: the fork crashed (exit code 134) before it finished; "
                + "results of 1 scenario kept").contains("| # A fatal error has been detected");
        assertThat(VerifyReports.xmlVariants(m)).contains("name=\"v-one is detected\" time=\"0.000\"><failure "
                + "message=\"the run did not complete: CRASHED\"");
        assertThat(m.rows.get("v-one").detectedBy).hasSize(1);
        assertThat(m.rows.get("v-one").result()).isEqualTo("CRASHED");
    }

    @Test
    void theHtmlEscapesEveryStringAndDrawsTheSwimlanes() throws IOException {
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), passed(B)),
                run("v-one", failed(A, "<img src=x onerror=alert(1)>"), passed(B)),
                run("v-two", passed(A), failed(B, "order"))), true);
        String html = VerifyReports.html(m, "now");
        assertThat(html).doesNotContain("<script>", "<img", "<b>waiter</b>")
                .contains("&lt;script&gt;", "&lt;img src=x", "&lt;b&gt;waiter&lt;/b&gt;", "Fix &lt;the&gt; &quot;lost&quot;")
                .contains("class=\"preempt\"", "AtomicInteger#1.set", "-Dfutex.replay=futex1:abc")
                .doesNotContain("http://", "https://");
    }

    @Test
    void aDetectionNamesItsScheduleOrThatLincheckFoundIt() throws IOException {
        ScenarioResult lincheck = new ScenarioResult(B, List.of(), ScenarioResult.Outcome.FAILED, 300, false,
                2_000_000, "Lincheck's report", new ScenarioResult.Failure("LINEARIZABILITY", "not linearizable: Table",
                0, "", List.of(), List.of()));
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), passed(B)),
                run("v-one", failed(A, "lost"), passed(B)), run("v-two", passed(A), lincheck)), false);
        List<String> console = new ArrayList<>();
        VerifyReports.console(m, console::add);
        assertThat(console).anyMatch(l -> l.startsWith("v-one ") && l.contains("LockScenarios.lostWakeup @7"))
                .anyMatch(l -> l.startsWith("v-two ") && l.contains("LockScenarios.orderedUnlock (Lincheck)"))
                .noneMatch(l -> l.contains("@0"));
        assertThat(VerifyReports.html(m, "now")).contains("</a> @7<br>", "</a> (Lincheck)<br>");
    }

    @Test
    void theJsonEscapesAndTheXmlHasATestCasePerVariantAndPerBaselineScenario() throws IOException {
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), passed(B)),
                run("v-one", failed(A, "line\none \"quoted\" \u0001"), passed(B)), run("v-two", passed(A), passed(B))),
                true);
        String json = VerifyReports.json(m, "now");
        assertThat(json).contains("\"headline\": \"line\\none \\\"quoted\\\" \\u0001\"", "\"passed\": false",
                "\"result\": \"UNDETECTED\"");
        assertThat(VerifyReports.xmlVariants(m)).contains("tests=\"2\" failures=\"1\"", "name=\"v-one is detected\"",
                "<failure message=\"no scenario detects v-two\"");
        assertThat(VerifyReports.xmlBaseline(m)).contains("tests=\"2\" failures=\"0\"", "name=\"lostWakeup\"");
    }

    @Test
    void badNumbersAndDurationsSayWhatIsAccepted() {
        assertThatThrownBy(() -> VerifyMojo.parse(ToolSettings.THREADS, "two")).isInstanceOf(MojoFailureException.class)
                .hasMessage("futex.threads = \"two\" is not a number: expected an integer");
        assertThatThrownBy(() -> VerifyMojo.parse(ToolSettings.THREADS, "0"))
                .hasMessage("futex.threads = 0 is invalid: expected a whole number >= 1");
        assertThatThrownBy(() -> VerifyMojo.parse(ToolSettings.FORK_TIMEOUT, "soon"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("futex.forkTimeout = \"soon\" is not a duration: expected such as 500ms");
        assertThatThrownBy(() -> VerifyMojo.parse(ToolSettings.FORK_TIMEOUT, "0s"))
                .hasMessage("futex.forkTimeout = 0s is invalid: expected a positive duration");
    }

    @Test
    void durationsAreReadAsScenarioSettingsAreRead() throws MojoFailureException {
        assertThat(VerifyMojo.parse(ToolSettings.FORK_TIMEOUT, "90s")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(VerifyMojo.parse(ToolSettings.FORK_TIMEOUT, "PT1H")).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(VerifyMojo.parse(ToolSettings.FORK_TIMEOUT, "30m")).isEqualTo(java.time.Duration.ofMinutes(30));
    }

    @Test
    void scenarioFiltersMatchNamesSimpleNamesAndWildcards() {
        assertThat(ScenarioScan.matches("LockScenarios", "com.example.LockScenarios")).isTrue();
        assertThat(ScenarioScan.matches("com.example.*", "com.example.LockScenarios")).isTrue();
        assertThat(ScenarioScan.matches("*Fault*", "org.futexlab.linux.scenarios.FaultScenarios")).isTrue();
        assertThat(ScenarioScan.matches("Lock", "com.example.LockScenarios")).isFalse();
    }

    @Test
    void aScenarioFailingOnTheBaselineDetectsNothing() throws IOException {
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), failed(B, "broken")),
                run("v-one", failed(A, "lost"), failed(B, "broken")), run("v-two", passed(A), failed(B, "broken"))),
                true);
        assertThat(m.rows.get("v-one").detectedBy).extracting(ScenarioResult::scenario).containsExactly(A);
        assertThat(m.rows.get("v-two").detected()).isFalse();
        assertThat(m.problems).containsExactly("baseline: " + B + " fails on the fixed model: broken",
                "v-two: no scenario detects it (Second fix)");
    }

    @Test
    void aScenarioThatCannotRunIsOneProblemNamingTheRuns() throws IOException {
        Matrix m = new Matrix(scenarios(), catalog(), List.of(run(null, passed(A), error(B, "futex.schedules = x")),
                run("v-one", failed(A, "lost"), error(B, "futex.schedules = x")),
                run("v-two", passed(A), error(B, "futex.schedules = x"))), false);
        assertThat(m.problems).containsExactly(B + " could not run: futex.schedules = x (in every run)");
    }

    @Test
    void theXmlReplacesWhatXmlCannotCarry() {
        assertThat(VerifyReports.xml("a\u0001b\u001b[31m<\ud800>\ud83d\ude00\t")).isEqualTo("a\ufffdb\ufffd[31m&lt;\ufffd&gt;"
                + "\ud83d\ude00\t");
    }
}
