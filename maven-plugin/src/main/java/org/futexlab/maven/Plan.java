package org.futexlab.maven;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.futexlab.junit.tooling.VariantCatalog;
import org.futexlab.junit.tooling.ReplayToken;

/**
 * What a verify runs: the scenarios the user selected, and the runs (the baseline and one per variant, or the one
 * run of a replay), checked against the catalog before any fork starts.
 *
 * @param scenarios the scenarios every run executes
 * @param runs the runs, the baseline (or the replay) first
 */
record Plan(List<ScannedScenario> scenarios, List<PlannedRun> runs) {

    /**
     * @param all every scenario of the module
     * @param only the {@code futex.scenarios} patterns (empty: all)
     * @param wanted the {@code futex.variants} ids (empty: every variant of the catalog)
     * @param token the replay token, or null
     * @param testClasses where the scenarios were looked for, for messages
     * @throws MojoFailureException naming what was wrong and what is accepted
     */
    static Plan of(List<ScannedScenario> all, List<String> only, List<String> wanted, ReplayToken token,
            VariantCatalog catalog, String testClasses) throws MojoFailureException {
        if (all.isEmpty()) {
            throw new MojoFailureException("No @KernelScenario tests found in " + testClasses + ": futex:verify runs "
                    + "the methods annotated with org.futexlab.junit.KernelScenario (see futex:help).");
        }
        List<ScannedScenario> found = ScenarioScan.select(all, only);
        if (found.isEmpty()) {
            throw new MojoFailureException("futex.scenarios=" + String.join(",", only) + " matches none of the test "
                    + "classes with @KernelScenario tests: " + String.join(", ", all.stream().map(
                    ScannedScenario::className).distinct().toList()) + " (give names, simple names or patterns "
                    + "with *, comma-separated)");
        }
        if (token != null) {
            found.removeIf(s -> !s.id().equals(token.scenario()));
            if (found.isEmpty()) {
                throw new MojoFailureException("futex.replay replays " + token.scenario() + (all.stream().anyMatch(
                        s -> s.id().equals(token.scenario())) ? ", which futex.scenarios=" + String.join(",", only)
                        + " leaves out" : ", which is not a @KernelScenario in " + testClasses));
            }
        }
        // After the replay's narrowing: a replay answers for its own scenario's detects, not every other one's.
        try {
            catalog.requireKnown(wanted, "futex.variants");
            for (ScannedScenario s : found) {
                catalog.requireKnown(s.detects(), s.id() + ": detects");
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        List<PlannedRun> runs = new ArrayList<>();
        if (token != null) {
            List<String> recorded;
            try {
                recorded = new ArrayList<>(token.variantsFor(new LinkedHashSet<>(wanted)));
                catalog.requireKnown(recorded, "the replay token");
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("futex.replay: " + e.getMessage());
            }
            runs.add(PlannedRun.replay(recorded));
        } else {
            runs.add(PlannedRun.baseline());
            for (VariantCatalog.Variant v : catalog.variants()) {
                if (wanted.isEmpty() || wanted.contains(v.id())) {
                    runs.add(PlannedRun.of(v.id()));
                }
            }
        }
        return new Plan(List.copyOf(found), List.copyOf(runs));
    }
}
