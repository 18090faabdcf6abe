package org.futexlab.junit;

/**
 * A scenario written as a lambda, for {@link FutexLab#explore(String, Settings, ScenarioBody)}: called once
 * per schedule to build fresh state and declare threads and checks. With {@link Settings#parallelism()} above 1 it
 * is called from several threads at once, so the state it builds must be its own, not shared through fields or
 * statics.
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
