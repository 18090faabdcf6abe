package org.futexlab.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.futexlab.junit.tooling.ScenarioResult;
import org.futexlab.junit.tooling.VariantCatalog;

/**
 * The verdict of a verify: per variant, which scenarios caught it and which were expected to; on the baseline,
 * which scenarios failed; and the problems that fail the build, each one line a person can act on, and each
 * cause once however many runs show it.
 */
final class Matrix {
    /** One variant's row. */
    static final class Row {
        final VariantCatalog.Variant variant;
        final RunResult run;
        final List<String> expectedBy = new ArrayList<>();
        final List<ScenarioResult> detectedBy = new ArrayList<>();
        final List<String> missedBy = new ArrayList<>();

        Row(VariantCatalog.Variant variant, RunResult run) {
            this.variant = variant;
            this.run = run;
        }

        boolean detected() {
            return !detectedBy.isEmpty();
        }

        boolean completed() {
            return run.status == RunResult.Status.COMPLETED;
        }

        /** @return DETECTED, UNDETECTED, or how the fork ended when it did not complete */
        String result() {
            if (!completed()) {
                return run.status.name().replace('_', ' ');
            }
            return detected() ? "DETECTED" : "UNDETECTED";
        }
    }

    final RunResult baseline;
    final List<ScannedScenario> scenarios;
    final Map<String, Row> rows = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Matrix(List<ScannedScenario> scenarios, VariantCatalog catalog, List<RunResult> runs,
            boolean failOnUndetected) {
        this.scenarios = scenarios;
        RunResult base = null;
        for (RunResult r : runs) {
            if (r.run.isBaseline()) {
                base = r;
            } else {
                rows.put(r.run.variant(), new Row(catalog.get(r.run.variant()), r));
            }
        }
        this.baseline = base;
        Set<String> failsOnBaseline = new LinkedHashSet<>();
        if (base != null) {
            runTrouble(base);
            for (ScannedScenario s : scenarios) {
                ScenarioResult r = base.scenarios.get(s.id());
                if (r != null && r.failed()) {
                    failsOnBaseline.add(s.id());
                    problems.add("baseline: " + s.id() + " fails on the fixed model: " + r.headline());
                }
            }
        }
        for (Row row : rows.values()) {
            runTrouble(row.run);
            for (ScannedScenario s : scenarios) {
                ScenarioResult r = row.run.scenarios.get(s.id());
                boolean expected = s.detects().contains(row.variant.id());
                if (expected) {
                    row.expectedBy.add(s.id());
                }
                // A scenario that fails on the fixed model tells nothing about a variant.
                if (r != null && r.failed() && !failsOnBaseline.contains(s.id())) {
                    row.detectedBy.add(r);
                } else if (expected && r != null && r.passed()) {
                    row.missedBy.add(s.id());
                    problems.add(row.variant.id() + ": " + s.id() + " declares detects = \"" + row.variant.id()
                            + "\" and passed in " + r.schedules() + " schedules");
                }
            }
            // A missed expectation already says that the variant went undetected, and by whom.
            if (!row.detected() && row.completed() && row.missedBy.isEmpty()) {
                String msg = row.variant.id() + ": no scenario detects it (" + row.variant.title() + ")";
                if (failOnUndetected) {
                    problems.add(msg);
                } else {
                    warnings.add(msg);
                }
            }
        }
        scenarioTrouble(runs);
    }

    /** A fork that ended before it finished: what happened, what was kept, and the tail of its log. */
    private void unfinished(RunResult r, String what, String log) {
        problems.add(r.run.name() + ": " + what + "; results of " + VerifyReports.count(r.scenarios.size(), "scenario")
                + " kept" + log + "\n" + indent(r.trouble));
    }

    /** A fork that did not finish, or whose test classes failed to run. */
    private void runTrouble(RunResult r) {
        String log = r.log == null ? "" : "; log: " + r.log;
        switch (r.status) {
            case COMPLETED:
                if (!r.containerFailures.isEmpty()) {
                    problems.add(r.run.name() + ": the test classes failed to run: " + r.containerFailures.strip()
                            + log);
                }
                return;
            case TIMED_OUT:
                unfinished(r, "the fork timed out and was killed (futex.forkTimeout)", log);
                return;
            case CRASHED:
                unfinished(r, "the fork crashed (exit code " + r.exitCode + ") before it finished", log);
                return;
            default:
                problems.add(r.run.name() + ": did not run: " + r.trouble);
        }
    }

    /**
     * Scenarios that could not run (an ERROR result) or left no result in a completed run: one problem per
     * scenario and cause, naming the runs, since a bad scenario shows in every run.
     */
    private void scenarioTrouble(List<RunResult> runs) {
        for (ScannedScenario s : scenarios) {
            Map<String, List<String>> causes = new LinkedHashMap<>();
            for (RunResult r : runs) {
                ScenarioResult res = r.scenarios.get(s.id());
                String cause = null;
                if (res == null && r.status == RunResult.Status.COMPLETED && r.containerFailures.isEmpty()) {
                    cause = "produced no result (is it a @KernelScenario that JUnit can run? see the fork's log)";
                } else if (res != null && res.outcome() == ScenarioResult.Outcome.ERROR) {
                    cause = "could not run: " + res.headline();
                }
                if (cause != null) {
                    causes.computeIfAbsent(cause, c -> new ArrayList<>()).add(r.run.name());
                }
            }
            causes.forEach((cause, in) -> problems.add(s.id() + " " + cause + " (in " + (in.size() == runs.size()
                    ? "every run" : String.join(", ", in)) + ")"));
        }
    }

    static String indent(String text) {
        return text.lines().map(l -> "    | " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    boolean failed() {
        return !problems.isEmpty();
    }
}
