package org.futexlab.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.futexlab.junit.VariantCatalog;

/**
 * The verdict of a verify: per variant, which scenarios caught it and which were expected to; on the baseline,
 * which scenarios failed; and the problems that fail the build, each one line a person can act on.
 */
final class Matrix {
    /** One variant's row. */
    static final class Row {
        final VariantCatalog.Variant variant;
        final RunResult run;
        final List<String> expectedBy = new ArrayList<>();
        final List<RunResult.Scenario> detectedBy = new ArrayList<>();
        final List<String> missedBy = new ArrayList<>();

        Row(VariantCatalog.Variant variant, RunResult run) {
            this.variant = variant;
            this.run = run;
        }

        boolean detected() {
            return !detectedBy.isEmpty();
        }

        /** @return DETECTED, UNDETECTED, or how the fork ended when it did not complete */
        String result() {
            if (run.status != RunResult.Status.COMPLETED) {
                return run.status.name().replace('_', ' ');
            }
            return detected() ? "DETECTED" : "UNDETECTED";
        }
    }

    final RunResult baseline;
    final List<ScenarioScan.Scenario> scenarios;
    final Map<String, Row> rows = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Matrix(List<ScenarioScan.Scenario> scenarios, VariantCatalog catalog, List<RunResult> runs,
            boolean failOnUndetected) {
        this.scenarios = scenarios;
        RunResult base = null;
        for (RunResult r : runs) {
            if (r.run.baseline()) {
                base = r;
            } else {
                rows.put(r.run.variant(), new Row(catalog.get(r.run.variant()), r));
            }
        }
        this.baseline = base;
        if (base != null) {
            checkRun(base);
            for (ScenarioScan.Scenario s : scenarios) {
                RunResult.Scenario r = base.scenarios.get(s.id());
                if (r != null && r.failed()) {
                    problems.add("baseline: " + s.id() + " fails on the fixed model: " + r.headline());
                }
            }
        }
        for (Row row : rows.values()) {
            checkRun(row.run);
            for (ScenarioScan.Scenario s : scenarios) {
                RunResult.Scenario r = row.run.scenarios.get(s.id());
                boolean expected = s.detects().contains(row.variant.id());
                if (expected) {
                    row.expectedBy.add(s.id());
                }
                if (r != null && r.failed()) {
                    row.detectedBy.add(r);
                } else if (expected && (r == null || r.passed())) {
                    row.missedBy.add(s.id());
                    if (r != null) {
                        problems.add(row.variant.id() + ": " + s.id() + " declares detects = \"" + row.variant.id()
                                + "\" and passed in " + r.schedules() + " schedules");
                    }
                }
            }
            if (!row.detected() && row.run.status == RunResult.Status.COMPLETED) {
                String msg = row.variant.id() + ": no scenario detects it (" + row.variant.title() + ")";
                if (failOnUndetected) {
                    problems.add(msg);
                } else {
                    warnings.add(msg);
                }
            }
        }
        for (ScenarioScan.Scenario s : scenarios) {
            for (String v : s.detects()) {
                if (catalog.get(v) == null) {
                    problems.add(s.id() + " declares detects = \"" + v + "\", which no variant catalog defines");
                }
            }
        }
    }

    /** A run's own failures: a fork that did not finish, scenarios with no result or an error. */
    private void checkRun(RunResult r) {
        if (r.status != RunResult.Status.COMPLETED) {
            problems.add(r.run.name() + ": the fork " + describe(r) + (r.log == null ? "" : "; log: " + r.log)
                    + (r.logTail.isEmpty() ? "" : "\n" + indent(r.logTail)));
        } else if (!r.containerFailures.isEmpty()) {
            problems.add(r.run.name() + ": the test classes failed to run: " + r.containerFailures.strip()
                    + (r.log == null ? "" : "; log: " + r.log));
        }
        for (ScenarioScan.Scenario s : scenarios) {
            RunResult.Scenario res = r.scenarios.get(s.id());
            if (res == null) {
                if (r.status == RunResult.Status.COMPLETED && r.containerFailures.isEmpty()) {
                    problems.add(r.run.name() + ": " + s.id() + " produced no result (is it a @KernelScenario "
                            + "that JUnit can run? see " + r.log + ")");
                }
            } else if (res.outcome().equals("ERROR")) {
                problems.add(r.run.name() + ": " + s.id() + " could not run: " + res.headline());
            }
        }
    }

    private static String describe(RunResult r) {
        switch (r.status) {
            case TIMED_OUT:
                return "timed out and was killed (futex.forkTimeout); results of " + r.scenarios.size()
                        + " scenarios kept";
            case CRASHED:
                return "crashed (exit code " + r.exitCode + ") before it finished; results of " + r.scenarios.size()
                        + " scenarios kept";
            default:
                return "could not be started: " + r.logTail;
        }
    }

    static String indent(String text) {
        return text.lines().map(l -> "    | " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    boolean failed() {
        return !problems.isEmpty();
    }
}
