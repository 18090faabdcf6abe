package org.futexlab.junit;

import java.util.List;
import org.futexlab.junit.tooling.ReplayToken;

/**
 * The engine that explores scenarios for {@link FutexLab} and {@link KernelScenario}: the controlled scheduler, the
 * strategies, shrinking and reports. Implemented once, inside this artifact, and found with
 * {@link java.util.ServiceLoader}: a seam that lets the API and its implementation each depend on one side only, not
 * an extension point for users, who call {@link FutexLab} or write a {@code @KernelScenario}.
 */
public interface ExplorationEngine {
    /**
     * Explores one scenario. The replay token, if any, is decoded once, by the caller, which has also checked that it
     * is the scenario's own and set the variants it was recorded with.
     *
     * @param id the scenario's id, which names it in reports and replay tokens
     * @param packages packages to instrument besides {@link Settings#instrument()}
     * @param settings the exploration's settings
     * @param token the schedule to replay, or null to explore
     * @param body builds one schedule's state
     * @return the result; a failing scenario is a result, not an exception
     * @throws ScenarioError when the engine cannot run at all (its agent could not be installed)
     */
    Exploration explore(String id, List<String> packages, Settings settings, ReplayToken token, ScenarioBody body);
}
