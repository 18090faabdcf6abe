package org.futexlab.junit.internal.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What a Lincheck IllegalStateException means. The invalid-results case was seen in CI (a Lincheck re-run of the
 * kernel model diverged) and cannot be provoked on demand, so the decision is tested on Lincheck's message.
 */
class LincheckBridgeTest {
    @Test
    void invalidResultsLincheckCouldNotReplayAreAVerdict() {
        String message = "Non-determinism found. Probably caused by non-deterministic code\n"
                + "== Reporting the first execution without execution trace ==\n"
                + LincheckBridge.INVALID_RESULTS + "\n| tryLock(1): 0 | tryLock(2): 0 |";
        assertThat(LincheckBridge.verdictOf(new IllegalStateException(message), String.class)).isEqualTo(message);
    }

    @Test
    void anythingElseIsAFailureToCheck() {
        IllegalStateException e = new IllegalStateException("Non-determinism found. Probably caused by ...");
        assertThatThrownBy(() -> LincheckBridge.verdictOf(e, String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Lincheck could not check java.lang.String: ")
                .hasCause(e);
    }
}
