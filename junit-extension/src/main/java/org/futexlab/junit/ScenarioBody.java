package org.futexlab.junit;

/**
 * A scenario written as a lambda, for {@link FutexLab#explore(String, Settings, ScenarioBody)}: called once
 * per schedule to build fresh state and declare threads and checks.
 */
@FunctionalInterface
public interface ScenarioBody {
    /**
     * Builds one schedule's state.
     *
     * @param scenario where to declare threads and checks
     * @throws Throwable anything; it is reported as a setup error of the scenario
     */
    void build(Scenario scenario) throws Throwable;
}
