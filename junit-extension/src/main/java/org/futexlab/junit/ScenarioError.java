package org.futexlab.junit;

/**
 * Thrown by a {@link KernelScenario} that could not be explored at all (as opposed to one that found a
 * failure, which throws an {@link AssertionError}): bad settings, a scenario that throws while building its
 * state, a nondeterministic scenario, or an exceeded timeout. The message says what was wrong and what is
 * accepted.
 */
public final class ScenarioError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, and what is accepted
     * @param cause the underlying exception, or null
     */
    public ScenarioError(String message, Throwable cause) {
        super(message, cause);
    }
}
